using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Surveys.Tests.Infrastructure;

namespace Surveys.Tests.Api;

/// <summary>
/// Every text field of every JSON, CSV and form endpoint against the probe's formatting variants.
/// Codes, ids, phones, tokens and times are taken exactly or refused; names are trimmed and one
/// line; residents' free text is kept as written except NUL and other controls. Each refusal has
/// its specific status and is checked to have stored nothing.
/// </summary>
public abstract partial class ContractTests
{
    static readonly Dictionary<string, Func<string, string>> Variants = new()
    {
        ["leading space"] = s => " " + s, ["trailing space"] = s => s + " ", ["trailing LF"] = s => s + "\n", ["trailing CRLF"] = s => s + "\r\n",
        ["NUL"] = s => s + "\0", ["ESC"] = s => s[..1] + "\u001b" + s[1..], ["NBSP"] = s => s + "\u00A0", ["U+2028"] = s => s + "\u2028",
        ["RLO"] = s => "\u202E" + s, ["case"] = s => s.Any(char.IsUpper) ? s.ToLowerInvariant() : s.ToUpperInvariant(),
    };

    static readonly Dictionary<string, string> Bases = new()
    {
        ["contact.externalId"] = "EH-X", ["contact.occurredAt"] = "T", ["contact.neighborhood"] = "NB", ["contact.contactType"] = "call-for-service",
        ["contact.officers"] = "MX", ["contact.phone"] = "+15550000000", ["contact.language"] = "es", ["neighborhood.code"] = "NC", ["neighborhood.name"] = "Ana Muñoz",
        ["neighborhood.lieutenant"] = "Ana Muñoz", ["officer.badge"] = "OB", ["officer.name"] = "Ana Muñoz", ["officer.unit"] = "Patrol 1",
        ["csv.badge"] = "CB", ["csv.name"] = "Ana Muñoz", ["csv.unit"] = "Patrol 1", ["response.token"] = "T", ["response.answerKey"] = "overall",
        ["response.comment"] = "Kind officer", ["form.overall"] = "5", ["form.comment"] = "Kind officer", ["query.month"] = "2026-10",
    };

    public static TheoryData<string, string> InputMatrix()
    {
        var data = new TheoryData<string, string>();
        foreach (var field in Bases.Keys)
            foreach (var (variant, apply) in Variants)
                // A NUL in a path never reaches the app: the HTTP layer refuses to decode it (Kestrel: 400).
                if (apply(Bases[field]) != Bases[field] && !(variant == "NUL" && field is "neighborhood.code" or "officer.badge")) data.Add(field, variant);
        return data;
    }

    /// <summary>The refusal each field owes a variant, or null when the variant is accepted (normalised or as written).</summary>
    static HttpStatusCode? Refusal(string field, string variant)
    {
        var kind = field switch
        {
            "response.comment" or "form.comment" => "free", "csv.badge" => "csv-code",
            _ when field.EndsWith(".name") || field.EndsWith(".lieutenant") || field.EndsWith(".unit") => "name", _ => "code",
        };
        return (kind, variant) switch
        {
            ("free", "NUL" or "ESC") => HttpStatusCode.BadRequest,
            ("free", _) => null,
            ("name", "leading space" or "trailing space" or "NBSP" or "case") => null,
            ("csv-code", "leading space" or "trailing space") => null,
            (_, "case") when field is "contact.externalId" or "contact.neighborhood" or "contact.officers" or "contact.language" => null,
            (_, "case") when field is "neighborhood.code" or "officer.badge" or "csv.badge" => HttpStatusCode.Conflict,
            _ when field == "response.token" => HttpStatusCode.NotFound,
            _ when field == "contact.language" => HttpStatusCode.UnprocessableEntity,
            _ => HttpStatusCode.BadRequest,
        };
    }

    [ServerTheory]
    [MemberData(nameof(InputMatrix))]
    public async Task Formatting_variant_of_a_text_field_is_refused_or_normalised_and_a_refusal_stores_nothing(string field, string variant)
    {
        var refusal = Refusal(field, variant);
        var (resource, name) = (field[..field.IndexOf('.')], field[(field.IndexOf('.') + 1)..]);
        var admin = await ClientAsync(Keys.Admin);
        string Vary(string s) => Variants[variant](s);
        switch (resource)
        {
            case "contact":
                var nb = await NeighborhoodAsync();
                var badge = Unique("MX");
                Assert.True((await admin.PutAsJsonAsync($"/api/v1/officers/{badge}", new { name = "Rostered" })).IsSuccessStatusCode);
                var body = ContactBody(nb);
                body["officers"] = new[] { badge };
                body["occurredAt"] = DateTimeOffset.UtcNow.AddHours(-3).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                string original = name == "officers" ? badge : name == "contactType" ? "call-for-service" : (string)body[name]!;
                if (name == "language") original = "es";
                var sent = Vary(original);
                body[name] = name == "officers" ? new[] { sent } : sent;
                var response = await PostContactAsync(body);
                if (refusal is { } status)
                {
                    await AssertProblemAsync(response, status, name == "officers" ? "officers[0]" : name);
                    await AssertNoContactAsync(body);
                    if (name == "externalId") Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM contacts WHERE external_id = @Id", new { Id = original }));
                    return;
                }
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                var id = (await response.Content.ReadFromJsonAsync<Contact>())!.ContactId;
                var stored = name switch
                {
                    "officers" => await ScalarAsync("SELECT badge FROM contact_officers WHERE contact_id = @Id", new { Id = id }),
                    "neighborhood" => await ScalarAsync("SELECT neighborhood FROM contacts WHERE id = @Id", new { Id = id }),
                    "language" => await ScalarAsync("SELECT language FROM contacts WHERE id = @Id", new { Id = id }),
                    _ => await ScalarAsync("SELECT external_id FROM contacts WHERE id = @Id", new { Id = id }),
                };
                Assert.Equal(name == "externalId" ? sent : original, stored); // the stored spelling, not the variant
                return;

            case "neighborhood" or "officer":
                var (path, table, column) = resource == "officer" ? ("officers", "officers", "badge") : ("neighborhoods", "neighborhoods", "code");
                var key = Unique(resource == "officer" ? "OB" : "NC");
                var fields = new Dictionary<string, string> { ["name"] = "Plain Name" };
                if (name is "code" or "badge")
                {
                    if (variant == "case") Assert.True((await admin.PutAsJsonAsync($"/api/v1/{path}/{key}", fields)).IsSuccessStatusCode);
                    await AssertProblemAsync(await admin.PutAsJsonAsync($"/api/v1/{path}/{Uri.EscapeDataString(Vary(key))}", new { name = "Changed" }), refusal!.Value, variant == "case" ? null : name);
                    Assert.Equal(0, await CountAsync($"SELECT COUNT(*) FROM {table} WHERE {column} = @Key", new { Key = Vary(key) }));
                    Assert.Equal(0, await CountAsync($"SELECT COUNT(*) FROM {table} WHERE name = 'Changed' AND lower({column}) = lower(@Key)", new { Key = key }));
                    return;
                }
                fields[name] = Vary(Bases[field]);
                var put = await admin.PutAsJsonAsync($"/api/v1/{path}/{key}", fields);
                if (refusal is { } refused)
                {
                    await AssertProblemAsync(put, refused, name);
                    Assert.Equal(0, await CountAsync($"SELECT COUNT(*) FROM {table} WHERE {column} = @Key", new { Key = key }));
                    return;
                }
                Assert.Equal(HttpStatusCode.Created, put.StatusCode);
                Assert.Equal(variant == "case" ? fields[name] : Bases[field], await ScalarAsync($"SELECT {name} FROM {table} WHERE {column} = @Key", new { Key = key }));
                return;

            case "csv":
                var csvBadge = Unique("CB");
                if (variant == "case" && name == "badge") Assert.True((await admin.PutAsJsonAsync($"/api/v1/officers/{csvBadge}", new { name = "Plain Name" })).IsSuccessStatusCode);
                var cells = new Dictionary<string, string> { ["badge"] = csvBadge, ["name"] = "Plain Name", ["unit"] = "Patrol 1" };
                cells[name] = Vary(cells[name] == "Plain Name" ? Bases[field] : cells[name]);
                var csv = $"badge,name,unit,active\n{cells["badge"]},\"{cells["name"]}\",\"{cells["unit"]}\",true\n";
                var result = await (await admin.PostAsync("/api/v1/officers/import", new StringContent(csv, Encoding.UTF8, "text/csv"))).Content.ReadFromJsonAsync<JsonElement>();
                var applied = result.GetProperty("created").GetInt32() + result.GetProperty("updated").GetInt32();
                if (refusal is not null)
                {
                    Assert.Equal(0, applied);
                    Assert.Equal(2, result.GetProperty("errors")[0].GetProperty("line").GetInt32());
                    Assert.Equal(variant == "case" ? 1 : 0, await CountAsync("SELECT COUNT(*) FROM officers WHERE lower(badge) = lower(@Badge)", new { Badge = csvBadge }));
                    return;
                }
                Assert.Equal(1, applied);
                var expected = name == "badge" ? csvBadge : variant == "case" ? cells[name] : Bases[field];
                Assert.Equal(expected, await ScalarAsync($"SELECT {name} FROM officers WHERE badge = @Badge", new { Badge = csvBadge }));
                return;

            default:
                await ResidentVariantAsync(field, name, Vary, refusal);
                return;
        }
    }
}
