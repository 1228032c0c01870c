using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Options;
using Surveys.Data;
using Surveys.Figures;
using Surveys.Rules;
using Surveys.Security;

namespace Surveys.Api.Contacts;

/// <summary>
/// Records a contact, its officers and neighborhood, decides whether to survey it and issues the
/// token, in one transaction. Idempotent on externalId: a repeat returns the stored contact.
/// </summary>
public sealed class ContactIntake(Db db, TokenCodec tokens, PhoneProtector phones, IOptions<SurveysOptions> options)
{
    public sealed record Outcome(bool Created, string ContactId, string Status, string? Token);
    sealed record Stored(string Id, string Status, string? TokenId, long? ExpiresAt);

    const string FindSql = "SELECT id, status, token_id AS TokenId, expires_at AS ExpiresAt FROM contacts WHERE external_id = @ExternalId";

    /// <summary>Null when the neighborhood is unknown (nothing is recorded then).</summary>
    public async Task<Outcome?> RecordAsync(ContactsApi.NewContact body, DateTimeOffset now)
    {
        var o = options.Value;
        await using var connection = await db.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        if (await connection.QuerySingleOrDefaultAsync<Stored>(FindSql, new { body.ExternalId }, tx) is { } existing)
            return Existing(existing);
        // Codes are unique ignoring case (migration 0008): n1 is the neighborhood stored as N1.
        var neighborhood = await connection.QuerySingleOrDefaultAsync<string>(
            "SELECT code FROM neighborhoods WHERE lower(code) = lower(@Code)", new { Code = body.Neighborhood }, tx);
        if (neighborhood is null) return null;

        var phoneHash = phones.Hash(body.Phone);
        const string optedOutSql = "SELECT COUNT(*) FROM opt_outs WHERE phone_hash = @PhoneHash";
        const string recentSql = "SELECT COUNT(*) FROM contacts WHERE phone_hash = @PhoneHash AND status = 'invited' AND created_at >= @Since";
        var optedOut = await connection.ExecuteScalarAsync<long>(optedOutSql, new { PhoneHash = phoneHash }, tx) > 0;
        var recent = await connection.ExecuteScalarAsync<long>(recentSql,
            new { PhoneHash = phoneHash, Since = now.AddDays(-o.SuppressionDays).ToUnixTimeMilliseconds() }, tx) > 0;
        var month = Months.Of(body.OccurredAt, o.Zone);
        // A backfill for a month that may already be final is kept, never invited or counted:
        // a final report must not change (docs/reports.md); the next report says it came.
        var status = ContactDecision.Decide(body.ContactType, o.ExcludedTypes, optedOut, recent, !Finality.AcceptsInvitations(month, o, now));

        string? token = null, tokenId = null;
        DateTimeOffset? expires = null;
        if (status == ContactStatus.Invited)
        {
            expires = now.AddDays(o.TokenLifetimeDays);
            token = tokens.Issue(expires.Value, out tokenId);
        }
        var id = Guid.CreateVersion7().ToString();
        const string insertSql = """
            INSERT INTO contacts (id, external_id, occurred_at, month, neighborhood, contact_type, language, status,
                                  phone_hash, phone_enc, token_id, expires_at, created_at)
            VALUES (@Id, @ExternalId, @OccurredAt, @Month, @Neighborhood, @ContactType, @Language, @Status,
                    @PhoneHash, @PhoneEnc, @TokenId, @ExpiresAt, @Now)
            ON CONFLICT (external_id) DO NOTHING
            """;
        var inserted = await connection.ExecuteAsync(insertSql, new
        {
            Id = id, body.ExternalId, OccurredAt = body.OccurredAt.ToUnixTimeMilliseconds(), Month = month, Neighborhood = neighborhood,
            body.ContactType, body.Language, Status = status, PhoneHash = phoneHash,
            // Only an invited contact needs the number (to send the SMS); the hash serves the rest.
            PhoneEnc = status == ContactStatus.Invited ? phones.Encrypt(body.Phone) : null,
            TokenId = tokenId, ExpiresAt = expires?.ToUnixTimeMilliseconds(), Now = now.ToUnixTimeMilliseconds(),
        }, tx);
        if (inserted == 0) return Existing(await connection.QuerySingleAsync<Stored>(FindSql, new { body.ExternalId }, tx));

        var badges = await LinkOfficersAsync(connection, tx, id, body.Officers, now);
        if (status == ContactStatus.Invited)
            await CountInvitationAsync(connection, tx, month, neighborhood, body.ContactType, badges, body.Language, expires!.Value);
        await tx.CommitAsync();
        return new Outcome(true, id, status, token);
    }

    Outcome Existing(Stored s) => new(false, s.Id, s.Status,
        s.TokenId is null || s.ExpiresAt is null ? null : tokens.Encode(s.TokenId, DateTimeOffset.FromUnixTimeMilliseconds(s.ExpiresAt.Value)));

    /// <summary>Links each badge as the roster spells it (b12 is officer B12); returns the stored badges.</summary>
    static async Task<List<string>> LinkOfficersAsync(DbConnection connection, DbTransaction tx, string contactId, IReadOnlyList<string> sent, DateTimeOffset now)
    {
        const string findSql = "SELECT badge FROM officers WHERE lower(badge) = lower(@Badge)";
        // A badge not on the roster is recorded as unrostered rather than dropped.
        const string officerSql = """
            INSERT INTO officers (badge, name, unit, active, rostered, updated_at) VALUES (@Badge, NULL, NULL, TRUE, FALSE, @Now)
            ON CONFLICT (badge) DO NOTHING
            """;
        const string linkSql = "INSERT INTO contact_officers (contact_id, badge) VALUES (@ContactId, @Badge)";
        var badges = new List<string>();
        foreach (var given in sent)
        {
            var badge = await connection.QuerySingleOrDefaultAsync<string>(findSql, new { Badge = given }, tx) ?? given;
            if (badges.Contains(badge, StringComparer.OrdinalIgnoreCase)) continue;
            await connection.ExecuteAsync(officerSql, new { Badge = badge, Now = now.ToUnixTimeMilliseconds() }, tx);
            await connection.ExecuteAsync(linkSql, new { ContactId = contactId, Badge = badge }, tx);
            badges.Add(badge);
        }
        return badges;
    }

    static async Task CountInvitationAsync(DbConnection connection, DbTransaction tx, string month, string neighborhood,
        string contactType, List<string> badges, string language, DateTimeOffset expires)
    {
        const string sql = """
            INSERT INTO monthly_counts (scope, scope_key, month, invitations, responses, max_expires_at)
            VALUES (@Scope, @Key, @Month, 1, 0, @ExpiresAt)
            ON CONFLICT (scope, scope_key, month) DO UPDATE SET
                invitations = monthly_counts.invitations + 1,
                max_expires_at = CASE WHEN excluded.max_expires_at > monthly_counts.max_expires_at
                                      THEN excluded.max_expires_at ELSE monthly_counts.max_expires_at END
            """;
        // The same rows and lock order as the worker's (AggregateScopes): no deadlocks, city-wide rows held last and briefly.
        foreach (var (scope, key) in AggregateScopes.Of(neighborhood, contactType, badges, language))
            await connection.ExecuteAsync(sql, new { Scope = scope, Key = key, Month = month, ExpiresAt = expires.ToUnixTimeMilliseconds() }, tx);
    }
}
