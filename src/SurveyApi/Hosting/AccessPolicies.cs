using Microsoft.AspNetCore.Authentication;

namespace Surveys.Api.Hosting;

public static class AccessPolicies
{
    public const string Intake = "intake", Admin = "admin", Figures = "figures", CommandStaff = "command-staff", Ia = "ia";

    public static void AddSurveysAuth(this IServiceCollection services)
    {
        services.AddAuthentication(ApiKeyHandler.SchemeName).AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(ApiKeyHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Intake, p => p.RequireRole(Roles.Intake))
            .AddPolicy(Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(CommandStaff, p => p.RequireRole(Roles.Chief, Roles.Admin))
            .AddPolicy(Ia, p => p.RequireRole(Roles.Ia))
            // Lieutenants pass here; each endpoint then checks the neighborhood is their own.
            .AddPolicy(Figures, p => p.RequireAssertion(c => Roles.SeesAllNeighborhoods(c.User) || Roles.IsLieutenant(c.User)));
    }
}
