using Dapper;
using Surveys.Api.Hosting;
using Surveys.Data;
using Surveys.Rules;

namespace Surveys.Api.Neighborhoods;

public static class NeighborhoodsApi
{
    public sealed record NeighborhoodBody(string? Name, string? Lieutenant);
    public sealed record Neighborhood(string Code, string Name, string? Lieutenant);

    public static void MapNeighborhoods(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/neighborhoods").WithTags("Reference data").RequireAuthorization(AccessPolicies.Admin);
        group.MapPut("/{code}", Put);
        group.MapGet("/", List);
    }

    static async Task<IResult> Put(string code, HttpRequest request, Db db, TimeProvider time)
    {
        var (body, error) = await JsonBody.ReadAsync<NeighborhoodBody>(request);
        if (error is not null) return error;
        var errors = new FieldErrors();
        if (!Validation.Code().IsMatch(code)) errors.Add("code", "must be 1–32 letters, digits, '.', '_' or '-'.");
        if (string.IsNullOrWhiteSpace(body!.Name) || body.Name.Length > 200) errors.Add("name", "is required (at most 200 characters).");
        if (body.Lieutenant is { Length: > 200 }) errors.Add("lieutenant", "must be at most 200 characters.");
        if (errors.Count > 0) return Problems.Invalid(errors);

        const string sql = """
            INSERT INTO neighborhoods (code, name, lieutenant, updated_at) VALUES (@Code, @Name, @Lieutenant, @Now)
            ON CONFLICT (code) DO UPDATE SET name = excluded.name, lieutenant = excluded.lieutenant, updated_at = excluded.updated_at
            """;
        await using var connection = await db.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var existed = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM neighborhoods WHERE code = @Code", new { Code = code }, tx) > 0;
        await connection.ExecuteAsync(sql, new { Code = code, Name = body.Name!.Trim(), Lieutenant = body.Lieutenant?.Trim(), Now = time.GetUtcNow().ToUnixTimeMilliseconds() }, tx);
        await tx.CommitAsync();
        var result = new Neighborhood(code, body.Name.Trim(), body.Lieutenant?.Trim());
        return existed ? TypedResults.Ok(result) : TypedResults.Created($"/api/v1/neighborhoods/{code}", result);
    }

    static async Task<IResult> List(Db db)
    {
        await using var connection = await db.OpenAsync();
        var rows = await connection.QueryAsync<Neighborhood>("SELECT code, name, lieutenant FROM neighborhoods ORDER BY code");
        return TypedResults.Ok(rows);
    }
}
