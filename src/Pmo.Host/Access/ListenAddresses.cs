using System.Net;

namespace Pmo.Host.Access;

/// <summary>Whether every address the host is asked to listen on is loopback (CONTRACT.md: localhost, 127.0.0.0/8, [::1]).</summary>
public static class ListenAddresses
{
    /// <summary>The URLs that are not loopback ("0.0.0.0", "+", "*", "[::]" and host names are not).</summary>
    public static IReadOnlyList<string> OffLoopback(string? urls)
    {
        var off = new List<string>();
        foreach (var url in (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            if (!IsLoopback(url)) off.Add(url);
        return off;
    }

    private static bool IsLoopback(string url)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        var rest = scheme < 0 ? url : url[(scheme + 3)..];
        var slash = rest.IndexOf('/');
        if (slash >= 0) rest = rest[..slash];
        string host;
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']');
            host = close < 0 ? rest : rest[1..close];
        }
        else
        {
            var colon = rest.LastIndexOf(':');
            host = colon < 0 ? rest : rest[..colon];
        }
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
        return IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address);
    }
}
