using System.Net;
using System.Text;
using Surveys.Tests.Infrastructure;

namespace Surveys.Tests.Api;

/// <summary>Issue 10, item 6: the resident form's 16 KiB limit holds without a Content-Length.</summary>
public abstract partial class ContractTests
{
    /// <summary>A body of unknown length (sent chunked) that counts how much of it the server pulled.</summary>
    protected sealed class CountingContent(Func<long, byte> at, long length, string contentType) : HttpContent
    {
        long _read;
        public long Read => Interlocked.Read(ref _read);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var chunk = new byte[4096];
            for (long sent = 0; sent < length; sent += chunk.Length)
            {
                var n = (int)Math.Min(chunk.Length, length - sent);
                for (var i = 0; i < n; i++) chunk[i] = at(sent + i);
                await stream.WriteAsync(chunk.AsMemory(0, n));
                Interlocked.Add(ref _read, n);
            }
        }

        protected override bool TryComputeLength(out long length) { length = 0; return false; }

        public CountingContent With() { Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType); return this; }
    }

    static CountingContent Chunked(byte[] bytes, string contentType) => new CountingContent(i => bytes[i], bytes.Length, contentType).With();

    async Task AssertTokenStillUsableAsync(Contact c) =>
        Assert.Equal(HttpStatusCode.OK, (await (await ClientAsync(null)).GetAsync($"/s/{c.Token}")).StatusCode);

    [ServerFact]
    public async Task Chunked_form_over_16_KiB_is_413_and_leaves_the_token_usable()
    {
        var c = await ContactAsync(await NeighborhoodAsync());
        var form = Encoding.ASCII.GetBytes("overall=5&comment=" + new string('a', 17 * 1024));
        var response = await (await ClientAsync(null)).PostAsync($"/s/{c.Token}", Chunked(form, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await AssertTokenStillUsableAsync(c);
    }

    [ServerFact]
    public async Task Form_with_two_thousand_fields_is_400_and_leaves_the_token_usable()
    {
        var c = await ContactAsync(await NeighborhoodAsync());
        var form = "overall=5&" + string.Join("&", Enumerable.Range(0, 2000).Select(i => $"f{i}=1"));
        var response = await (await ClientAsync(null)).PostAsync($"/s/{c.Token}", new StringContent(form, Encoding.ASCII, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertTokenStillUsableAsync(c);
    }

    [ServerFact]
    public async Task Chunked_20_MB_multipart_form_is_413_after_reading_little_more_than_the_limit()
    {
        var c = await ContactAsync(await NeighborhoodAsync());
        var head = Encoding.ASCII.GetBytes("--b\r\nContent-Disposition: form-data; name=\"overall\"\r\n\r\n5\r\n--b\r\nContent-Disposition: form-data; name=\"comment\"\r\n\r\n");
        var body = new CountingContent(i => i < head.Length ? head[i] : (byte)'a', 20L * 1024 * 1024, "multipart/form-data; boundary=b").With();
        var response = await (await ClientAsync(null)).PostAsync($"/s/{c.Token}", body);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        // The server stops pulling at the limit; what is in flight (pipe buffers) is well under 1 MiB.
        Assert.True(body.Read < 1024 * 1024, $"the server read {body.Read:N0} bytes of a 20 MB body");
        await AssertTokenStillUsableAsync(c);
    }

    [ServerTheory]
    [InlineData(Keys.Ia, "/api/v1/flags?neighborhood=%00", "neighborhood")]
    [InlineData(Keys.Ia, "/api/v1/flags?officer=10%0A01", "officer")]
    [InlineData(Keys.Admin, "/api/v1/audit?actor=a%00b", "actor")]
    [InlineData(Keys.Admin, "/api/v1/audit?target=%1B", "target")]
    public async Task Query_filter_with_a_NUL_or_control_character_is_400_not_a_server_error(string key, string path, string field) =>
        await AssertProblemAsync(await (await ClientAsync(key)).GetAsync(path), HttpStatusCode.BadRequest, field);

    [ServerFact]
    public async Task Invalid_UTF8_in_a_JSON_body_is_400_and_leaves_the_token_usable()
    {
        var c = await ContactAsync(await NeighborhoodAsync());
        var json = Encoding.UTF8.GetBytes($$"""{"token": "{{c.Token}}", "answers": {"overall": 4}, "comment": "caf""").Concat(new byte[] { 0xC3, 0x28 })
            .Concat(Encoding.UTF8.GetBytes("\"}")).ToArray();
        var content = new ByteArrayContent(json);
        content.Headers.ContentType = new("application/json");
        await AssertProblemAsync(await (await ClientAsync(null)).PostAsync("/api/v1/responses", content), HttpStatusCode.BadRequest);
        await AssertTokenStillUsableAsync(c);
    }
}
