using Pmo.Host.Access;

namespace Pmo.Host.Tests.Access;

/// <summary>CONTRACT.md: off-loopback is any address but localhost, 127.0.0.0/8 and [::1].</summary>
public sealed class ListenAddressesTests
{
    [Theory]
    [InlineData("http://localhost:5080")]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://127.8.9.10:5080")]
    [InlineData("http://[::1]:5080")]
    [InlineData("https://LOCALHOST:443;http://127.0.0.1:80")]
    public void Loopback_addresses_are_allowed_without_authentication(string urls) =>
        Assert.Empty(ListenAddresses.OffLoopback(urls));

    [Theory]
    [InlineData("http://0.0.0.0:5080")]
    [InlineData("http://+:5080")]
    [InlineData("http://*:5080")]
    [InlineData("http://[::]:5080")]
    [InlineData("http://pmo.example.com:5080")]
    [InlineData("http://10.0.0.4:5080")]
    [InlineData("http://localhost:5080;http://192.168.1.2:5080")]
    public void Anything_else_is_off_loopback(string urls) =>
        Assert.NotEmpty(ListenAddresses.OffLoopback(urls));
}
