using System.Net;
using Surveys.Tests.Infrastructure;

namespace Surveys.Tests.Api;

public abstract partial class ContractTests
{
    [ServerFact]
    public async Task Reports_are_PDFs_for_the_roles_that_see_the_figures()
    {
        var nb = await NeighborhoodAsync();
        var chief = await ClientAsync(Keys.Chief);
        foreach (var path in new[] { $"/api/v1/reports/neighborhoods/{nb}?month=2026-10", "/api/v1/reports/city?month=2026-10" })
        {
            var response = await chief.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
            Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString((await response.Content.ReadAsByteArrayAsync())[..5]));
        }
        var lt = await ClientAsync(Keys.LieutenantN1);
        Assert.Equal(HttpStatusCode.Forbidden, (await lt.GetAsync($"/api/v1/reports/neighborhoods/{nb}?month=2026-10")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await lt.GetAsync("/api/v1/reports/city?month=2026-10")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await (await ClientAsync(null)).GetAsync("/api/v1/reports/city?month=2026-10")).StatusCode);
        await AssertProblemAsync(await chief.GetAsync("/api/v1/reports/city?month=October"), HttpStatusCode.BadRequest, "month");
        await AssertProblemAsync(await chief.GetAsync("/api/v1/reports/neighborhoods/NOPE?month=2026-10"), HttpStatusCode.NotFound);
    }
}
