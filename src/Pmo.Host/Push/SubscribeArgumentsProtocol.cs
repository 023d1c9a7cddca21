using System.Buffers;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;

namespace Pmo.Host.Push;

/// <summary>
/// The JSON hub protocol, except that Subscribe may be called with one argument or two.
/// CONTRACT.md names both Subscribe(scope) and Subscribe(scope, afterSeq), but SignalR binds hub
/// arguments by exact count and refuses overloads, so a one-argument call is re-read here as
/// Subscribe(scope, null). Everything else passes straight through.
/// </summary>
public sealed class SubscribeArgumentsProtocol(IOptions<JsonHubProtocolOptions> options) : IHubProtocol
{
    private const string Subscribe = nameof(PortfolioHub.Subscribe);
    private readonly JsonHubProtocol _json = new(options);

    public string Name => _json.Name;
    public int Version => _json.Version;
    public TransferFormat TransferFormat => _json.TransferFormat;

    public bool IsVersionSupported(int version) => _json.IsVersionSupported(version);

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out HubMessage? message)
    {
        var original = input;
        if (!_json.TryParseMessage(ref input, binder, out message)) return false;
        if (message is InvocationBindingFailureMessage { Target: Subscribe } failure)
        {
            var again = original;
            if (_json.TryParseMessage(ref again, new ScopeOnly(binder), out var retry) && retry is InvocationMessage { Arguments.Length: 1 } one)
                message = new InvocationMessage(one.InvocationId, one.Target, [one.Arguments[0], null], one.StreamIds);
            else
                message = failure;
        }
        return true;
    }

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => _json.WriteMessage(message, output);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => _json.GetMessageBytes(message);

    private sealed class ScopeOnly(IInvocationBinder inner) : IInvocationBinder
    {
        public IReadOnlyList<Type> GetParameterTypes(string methodName) =>
            methodName == Subscribe ? [typeof(string)] : inner.GetParameterTypes(methodName);

        public Type GetReturnType(string invocationId) => inner.GetReturnType(invocationId);

        public Type GetStreamItemType(string streamId) => inner.GetStreamItemType(streamId);
    }
}
