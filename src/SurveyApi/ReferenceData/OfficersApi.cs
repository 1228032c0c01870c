using Surveys.Api.StaffConsole;
using System.Data.Common;
using Dapper;
using Surveys.Api.Hosting;
using Surveys.Data;
using Surveys.Rules;

namespace Surveys.Api.ReferenceData;

public static class OfficersApi
{
    public sealed record OfficerBody(string? Name, string? Unit, bool? Active);
    public sealed record Officer(string Badge, string Name, string? Unit, bool Active);

    public static void MapOfficers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/officers").WithTags("Reference data").RequireAuthorization(AccessPolicies.Admin);
        group.MapPut("/{badge}", Put).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/import", OfficerImport.Import).Accepts<string>("text/csv")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
    }

    static async Task<IResult> Put(string badge, HttpRequest request, Db db, TimeProvider time)
    {
        var (body, error) = await JsonBody.ReadAsync<OfficerBody>(request);
        if (error is not null) return error;
        var errors = Check(badge, body!.Name, body.Unit);
        if (errors.Count > 0) return Problems.Invalid(errors);

        var officer = new Officer(badge, body.Name!.Trim(), body.Unit?.Trim(), body.Active ?? true);
        await using var connection = await db.OpenAsync();
        // ON CONFLICT arbitrates on the badge only: a concurrent insert of the same new badge can
        // instead trip the case-insensitive index and raise a unique violation. Once that writer
        // has committed, a second try sees its row and updates it (200), as the contract wants.
        for (var attempt = 1; ; attempt++)
        {
            await using var tx = await connection.BeginTransactionAsync();
            (Saved Saved, string? Existing) outcome;
            try { outcome = await UpsertAsync(connection, tx, officer, time.GetUtcNow()); }
            catch (Exception e) when (Db.IsUniqueViolation(e) && attempt == 1) { await tx.RollbackAsync(); continue; }
            catch (Exception e) when (Db.IsUniqueViolation(e)) { outcome = (Saved.Conflict, badge); }
            if (outcome.Saved == Saved.Conflict) return CaseConflicts.Problem("badge", badge, outcome.Existing!);
            await tx.CommitAsync();
            return outcome.Saved == Saved.Created ? TypedResults.Created($"/api/v1/officers/{Uri.EscapeDataString(badge)}", officer) : TypedResults.Ok(officer);
        }
    }

    /// <summary>Names and units are one line each (no control, separator or bidi characters); surrounding spaces are trimmed.</summary>
    public static FieldErrors Check(string badge, string? name, string? unit)
    {
        var errors = new FieldErrors();
        if (!Validation.Code().IsMatch(badge)) errors.Add("badge", "must be 1–32 letters, digits, '.', '_' or '-'.");
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200) errors.Add("name", "is required (at most 200 characters).");
        else if (Validation.LineProblem(name) is { } p) errors.Add("name", p + ".");
        if (unit is { Length: > 200 }) errors.Add("unit", "must be at most 200 characters.");
        else if (unit is not null && Validation.LineProblem(unit) is { } p) errors.Add("unit", p + ".");
        return errors;
    }

    /// <summary>
    /// Inserts or updates a rostered officer: Created when the badge was new (or only seen unrostered);
    /// Conflict, changing nothing, when another badge equals it ignoring case (that spelling is returned).
    /// </summary>
    public static async Task<(Saved Saved, string? Existing)> UpsertAsync(DbConnection connection, DbTransaction tx, Officer officer, DateTimeOffset now)
    {
        var existing = await connection.QuerySingleOrDefaultAsync<string>("SELECT badge FROM officers WHERE lower(badge) = lower(@Badge)", new { officer.Badge }, tx);
        if (existing is not null && existing != officer.Badge) return (Saved.Conflict, existing);
        // Created is decided by this call's own writes, never by a read before them: of two concurrent
        // PUTs of one new badge (or of one badge so far seen only unrostered) exactly one answers 201.
        const string insertSql = """
            INSERT INTO officers (badge, name, unit, active, rostered, updated_at) VALUES (@Badge, @Name, @Unit, @Active, TRUE, @Now)
            ON CONFLICT (badge) DO NOTHING
            """;
        const string rosterSql = """
            UPDATE officers SET name = @Name, unit = @Unit, active = @Active, rostered = TRUE, updated_at = @Now
            WHERE badge = @Badge AND NOT rostered
            """;
        const string updateSql = "UPDATE officers SET name = @Name, unit = @Unit, active = @Active, updated_at = @Now WHERE badge = @Badge";
        var args = new { officer.Badge, officer.Name, officer.Unit, officer.Active, Now = now.ToUnixTimeMilliseconds() };
        if (await connection.ExecuteAsync(insertSql, args, tx) == 1 || await connection.ExecuteAsync(rosterSql, args, tx) == 1) return (Saved.Created, null);
        await connection.ExecuteAsync(updateSql, args, tx);
        return (Saved.Updated, null);
    }
}
