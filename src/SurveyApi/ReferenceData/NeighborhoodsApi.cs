using Surveys.Api.StaffConsole;
using Dapper;
using Surveys.Api.Hosting;
using Surveys.Data;
using Surveys.Rules;

namespace Surveys.Api.ReferenceData;

public static class NeighborhoodsApi
{
    public sealed record NeighborhoodBody(string? Name, string? Lieutenant);
    public sealed record Neighborhood(string Code, string Name, string? Lieutenant);

    public static void MapNeighborhoods(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/neighborhoods").WithTags("Reference data").RequireAuthorization(AccessPolicies.Admin);
        group.MapPut("/{code}", Put).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/", List);
    }

    static async Task<IResult> Put(string code, HttpRequest request, Db db, TimeProvider time)
    {
        var (body, error) = await JsonBody.ReadAsync<NeighborhoodBody>(request);
        if (error is not null) return error;
        var errors = Check(code, body!.Name, body.Lieutenant);
        if (errors.Count > 0) return Problems.Invalid(errors);

        var result = new Neighborhood(code, body.Name!.Trim(), body.Lieutenant?.Trim());
        var (saved, existing) = await SaveAsync(db, result, time.GetUtcNow(), request.HttpContext.RequestAborted);
        return saved switch
        {
            Saved.Conflict => CaseConflicts.Problem("code", code, existing!),
            Saved.Updated => TypedResults.Ok(result),
            _ => TypedResults.Created($"/api/v1/neighborhoods/{Uri.EscapeDataString(code)}", result),
        };
    }

    public static FieldErrors Check(string code, string? name, string? lieutenant)
    {
        var errors = new FieldErrors();
        if (!Validation.Code().IsMatch(code)) errors.Add("code", "must be 1–32 letters, digits, '.', '_' or '-'.");
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200) errors.Add("name", "is required (at most 200 characters).");
        else if (Validation.LineProblem(name) is { } p) errors.Add("name", p + ".");
        if (lieutenant is { Length: > 200 }) errors.Add("lieutenant", "must be at most 200 characters.");
        else if (lieutenant is not null && Validation.LineProblem(lieutenant) is { } p) errors.Add("lieutenant", p + ".");
        return errors;
    }

    /// <summary>
    /// Inserts or updates one neighborhood; a code equal to another ignoring case is a conflict (the
    /// stored spelling is returned) and changes nothing. The unique index on lower(code) settles a race.
    /// </summary>
    public static async Task<(Saved, string? Existing)> SaveAsync(Db db, Neighborhood n, DateTimeOffset now, CancellationToken ct,
        Func<System.Data.Common.DbConnection, System.Data.Common.DbTransaction, Task>? alsoInTransaction = null)
    {
        // Insert-or-nothing, then update: whether this call created the row is the insert's own count,
        // so of two concurrent PUTs of one code exactly one answers 201.
        const string insertSql = """
            INSERT INTO neighborhoods (code, name, lieutenant, updated_at) VALUES (@Code, @Name, @Lieutenant, @Now)
            ON CONFLICT (code) DO NOTHING
            """;
        const string updateSql = "UPDATE neighborhoods SET name = @Name, lieutenant = @Lieutenant, updated_at = @Now WHERE code = @Code";
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var existing = await connection.QuerySingleOrDefaultAsync<string>("SELECT code FROM neighborhoods WHERE lower(code) = lower(@Code)", new { n.Code }, tx);
        if (existing is not null && existing != n.Code) return (Saved.Conflict, existing);
        var args = new { n.Code, n.Name, n.Lieutenant, Now = now.ToUnixTimeMilliseconds() };
        bool created;
        try
        {
            created = await connection.ExecuteAsync(insertSql, args, tx) == 1;
            if (!created) await connection.ExecuteAsync(updateSql, args, tx);
        }
        catch (Exception e) when (Db.IsUniqueViolation(e)) { return (Saved.Conflict, n.Code); }
        if (alsoInTransaction is not null) await alsoInTransaction(connection, tx);
        await tx.CommitAsync(ct);
        return (created ? Saved.Created : Saved.Updated, existing);
    }

    static async Task<IResult> List(Db db)
    {
        await using var connection = await db.OpenAsync();
        var rows = await connection.QueryAsync<Neighborhood>("SELECT code, name, lieutenant FROM neighborhoods ORDER BY code");
        return TypedResults.Ok(rows);
    }
}
