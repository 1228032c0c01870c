using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Surveys.Tests.Infrastructure;

namespace Surveys.Tests.Api;

public abstract partial class ContractTests
{
    [ServerFact]
    public async Task Neighborhood_is_created_then_updated_and_listed()
    {
        var code = Unique("NB");
        var admin = await ClientAsync(Keys.Admin);
        Assert.Equal(HttpStatusCode.Created, (await admin.PutAsJsonAsync($"/api/v1/neighborhoods/{code}", new { name = "Riverside", lieutenant = "Lt. Nguyễn" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/neighborhoods/{code}", new { name = "Riverside East", lieutenant = "Lt. Nguyễn" })).StatusCode);
        var list = await admin.GetFromJsonAsync<JsonElement>("/api/v1/neighborhoods");
        var mine = list.EnumerateArray().Single(n => n.GetProperty("code").GetString() == code);
        Assert.Equal("Riverside East", mine.GetProperty("name").GetString());
        Assert.Equal("Lt. Nguyễn", mine.GetProperty("lieutenant").GetString());
    }

    [ServerFact]
    public async Task Neighborhood_without_a_name_is_rejected_naming_the_field()
    {
        var response = await (await ClientAsync(Keys.Admin)).PutAsJsonAsync($"/api/v1/neighborhoods/{Unique("NB")}", new { lieutenant = "x" });
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "name");
    }

    [ServerFact]
    public async Task Reference_data_needs_a_key_and_the_admin_role()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await (await ClientAsync(null)).GetAsync("/api/v1/neighborhoods")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await (await ClientAsync("no-such-key")).GetAsync("/api/v1/neighborhoods")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await ClientAsync(Keys.Intake)).GetAsync("/api/v1/neighborhoods")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await ClientAsync(Keys.NoRole)).PutAsJsonAsync("/api/v1/officers/77", new { name = "x" })).StatusCode);
    }

    [ServerFact]
    public async Task Officer_is_created_then_updated()
    {
        var badge = Unique("B");
        var admin = await ClientAsync(Keys.Admin);
        Assert.Equal(HttpStatusCode.Created, (await admin.PutAsJsonAsync($"/api/v1/officers/{badge}", new { name = "Ana Muñoz", unit = "Patrol 1", active = true })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/officers/{badge}", new { name = "Ana Muñoz", unit = "Patrol 2", active = false })).StatusCode);
    }

    [ServerFact]
    public async Task Roster_import_applies_good_lines_and_reports_bad_ones_by_line()
    {
        var (a, b) = (Unique("I"), Unique("I"));
        var csv = $"badge,name,unit,active\n{a},\"O'Brien, James\",Patrol 1,true\n{b},Keisha Brown,,false\nbad badge!,X,Y,true\n{a},Dup,Z,true\n";
        var response = await (await ClientAsync(Keys.Admin)).PostAsync("/api/v1/officers/import", new StringContent(csv, Encoding.UTF8, "text/csv"));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, body.GetProperty("created").GetInt32());
        Assert.Equal(0, body.GetProperty("updated").GetInt32());
        Assert.Equal([4, 5], body.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("line").GetInt32()));
    }

    [ServerFact]
    public async Task Roster_import_with_a_wrong_header_changes_nothing()
    {
        var response = await (await ClientAsync(Keys.Admin)).PostAsync("/api/v1/officers/import", new StringContent("id,name\n1,x\n", Encoding.UTF8, "text/csv"));
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "header");
    }
}
