using System.Net;
using Surveys.Tests.Infrastructure;

namespace Surveys.Tests.Api;

public abstract partial class ContractTests
{
    [ServerFact]
    public async Task Survey_page_is_served_in_the_contacts_language_with_security_headers()
    {
        var c = await ContactAsync(await NeighborhoodAsync(), language: "es");
        var response = await (await ClientAsync(null)).GetAsync($"/s/{c.Token}");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html lang=\"es\">", html);
        Assert.Contains("¿Cómo lo hicimos?", System.Net.WebUtility.HtmlDecode(html));
        Assert.Contains("<fieldset><legend>", html);
        Assert.Contains("type=\"radio\" id=\"overall-5\" name=\"overall\"", html);
        Assert.DoesNotContain("<script", html);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());

        var english = await (await (await ClientAsync(null)).GetAsync($"/s/{c.Token}?lang=en")).Content.ReadAsStringAsync();
        Assert.Contains("How did we do?", english);
    }

    [ServerFact]
    public async Task Form_post_redirects_to_thanks_and_a_second_post_is_409()
    {
        var c = await ContactAsync(await NeighborhoodAsync());
        var client = await ClientAsync(null);
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["overall"] = "5", ["respect"] = "4", ["comment"] = "Kind officer", ["shareComment"] = "true" });
        var response = await client.PostAsync($"/s/{c.Token}", form);
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.StartsWith("/s/thanks", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(response.Headers.Location)).StatusCode);
        var again = await client.PostAsync($"/s/{c.Token}", new FormUrlEncodedContent(new Dictionary<string, string> { ["overall"] = "1" }));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [ServerFact]
    public async Task Form_post_without_the_first_answer_shows_the_form_again_with_an_error()
    {
        var c = await ContactAsync(await NeighborhoodAsync());
        var response = await (await ClientAsync(null)).PostAsync($"/s/{c.Token}", new FormUrlEncodedContent(new Dictionary<string, string> { ["respect"] = "4" }));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Please answer the first question.", html);
        Assert.Contains("id=\"respect-4\" name=\"respect\" value=\"4\" checked", html);
    }

    [ServerFact]
    public async Task Unknown_link_gets_a_friendly_404_page()
    {
        var response = await (await ClientAsync(null)).GetAsync("/s/not-a-token");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("We could not find this survey", await response.Content.ReadAsStringAsync());
    }

    [ServerFact]
    public async Task Health_and_OpenAPI_are_served()
    {
        var client = await ClientAsync(null);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        var openApi = await client.GetStringAsync("/openapi/v1.json");
        foreach (var path in new[] { "/api/v1/contacts", "/api/v1/responses", "/api/v1/neighborhoods/{code}", "/api/v1/stats/city" })
            Assert.Contains($"\"{path}\"", openApi);
    }
}
