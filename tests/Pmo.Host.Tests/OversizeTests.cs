using System.Net.Http.Headers;

namespace Pmo.Host.Tests;

/// <summary>An import larger than the host's limit (here started with --Pmo:MaxImportBytes=1048576) is 413 and changes nothing.</summary>
[Collection(SmallImportLimitHostCollection.Name)]
public sealed class OversizeTests(SmallImportLimitHostFixture fixture) : ApiTestBase(fixture)
{
    /// <summary>A valid document of about 1.5 MiB: many resources with long names.</summary>
    private static byte[] LargeDocument(string x)
    {
        var resources = Enumerable.Range(0, 12_000)
            .Select(i => new { id = $"{x}r{i}", name = new string('n', 100), capacity = 1, costRate = 100, pool = "Bulk" })
            .ToArray();
        var bytes = JsonSerializer.SerializeToUtf8Bytes(new { resources }, PmoClient.Json);
        Assert.True(bytes.Length > SmallImportLimitHostFixture.MaxImportBytes * 3 / 2 - 100_000, $"the document is only {bytes.Length} bytes");
        return bytes;
    }

    [Theory]
    [InlineData(false)] // a Content-Length over the limit, sent with Expect: 100-continue
    [InlineData(true)] // chunked, with no Content-Length: it grows over the limit as it arrives
    public async Task An_import_over_the_limit_is_413_and_changes_nothing(bool chunked)
    {
        var x = Doc.Prefix(chunked ? "chunked" : "big");
        var body = LargeDocument(x);
        await Api.RefusedWithoutChange(() =>
        {
            HttpContent content = chunked ? new UnknownLengthContent(body) : new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/import", UriKind.Relative)) { Content = content };
            if (!chunked) request.Headers.ExpectContinue = true;
            return Api.SendDisposingRequest(request);
        }, HttpStatusCode.RequestEntityTooLarge);
        Assert.DoesNotContain((await Api.ExportJson()).Arr("resources"), r => r.Str("id").StartsWith(x, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_import_under_the_limit_is_still_accepted()
    {
        var x = Doc.Prefix("small");
        await Api.Import(Doc.Simple(x));
        Assert.Equal("2027-01-08", (await Api.Project(x + "p")).Str("finish"));
    }

    /// <summary>Content whose length is not known up front, so it goes out chunked with no Content-Length.</summary>
    private sealed class UnknownLengthContent(byte[] bytes) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            for (var offset = 0; offset < bytes.Length; offset += 64 * 1024)
                await stream.WriteAsync(bytes.AsMemory(offset, Math.Min(64 * 1024, bytes.Length - offset)));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}
