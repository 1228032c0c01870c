using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Surveys.Data;
using Surveys.Security;

namespace Surveys.Hosting;

/// <summary>What every host (API, worker, reporting) registers: options, secrets, database, bus.</summary>
public static class SurveysHosting
{
    public static SurveysOptions AddSurveysCore(this IHostApplicationBuilder builder, bool ownsSchema)
    {
        var section = builder.Configuration.GetSection(SurveysOptions.Section);
        builder.Services.Configure<SurveysOptions>(section);
        var options = section.Get<SurveysOptions>() ?? new SurveysOptions();
        _ = options.Zone; // fail at start-up, not on the first request, for an unknown time zone

        builder.Services.AddSingleton(TimeProvider.System);
        // Embedded mode loads them now, not on first use: a database without its keys file must stop
        // the start, not a request. (Server mode's operator commands, e.g. migrate, need no keys.)
        var connectionString = builder.Configuration.GetConnectionString("Surveys");
        if (options.Mode == SurveysMode.Embedded) builder.Services.AddSingleton(SecretKeys.Load(options, connectionString));
        else builder.Services.AddSingleton(_ => SecretKeys.Load(options, connectionString));
        builder.Services.AddSingleton(s =>
        {
            var k = s.GetRequiredService<SecretKeys>();
            return new TokenCodec(k.TokenMac, k.PreviousTokenMac);
        });
        builder.Services.AddSingleton(s =>
        {
            var k = s.GetRequiredService<SecretKeys>();
            return new PhoneProtector(k.PhoneEncryption, k.PhoneHash, k.PreviousPhoneEncryption);
        });
        builder.Services.AddSingleton(_ => Db.FromOptions(options, connectionString));
        builder.Services.AddSingleton<SchemaGate>();
        builder.Services.AddHostedService(s => new SchemaService(s.GetRequiredService<Db>(), s.GetRequiredService<SchemaGate>(),
            ownsSchema, s.GetRequiredService<ILogger<SchemaService>>()));
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        builder.Services.AddSurveysTelemetry(builder.Configuration, builder.Environment.ApplicationName);
        return options;
    }

    /// <summary>
    /// In-memory transport in Embedded mode; RabbitMQ with publisher confirms and quorum queues in
    /// Server mode. The bus starts in the background so a missing broker never blocks start-up.
    /// </summary>
    public static void AddSurveysBus(this IServiceCollection services, SurveysOptions options, Action<IBusRegistrationConfigurator>? consumers = null)
    {
        services.AddMassTransit(x =>
        {
            // MassTransit reports usage to its vendor by default (usage-tracking.masstransit.io);
            // nothing here phones home. MASSTRANSIT_USAGE_TELEMETRY=true would override this: don't set it.
            x.DisableUsageTelemetry();
            consumers?.Invoke(x);
            if (options.Mode == SurveysMode.Embedded)
            {
                x.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
                return;
            }
            x.UsingRabbitMq((context, cfg) =>
            {
                var r = options.RabbitMq;
                cfg.Host(r.Host, r.Port, r.VirtualHost, h =>
                {
                    h.Username(r.Username);
                    h.Password(r.Password);
                    h.PublisherConfirmation = true;
                    h.RequestedConnectionTimeout(TimeSpan.FromSeconds(5));
                    if (r.ClusterNodes.Count > 0) h.UseCluster(c => r.ClusterNodes.ForEach(c.Node));
                });
                cfg.ConfigureEndpoints(context);
            });
        });
        if (options.Mode == SurveysMode.Server)
            services.AddHealthChecks().Add(new HealthCheckRegistration("broker", _ => new BrokerHealthCheck(options), HealthStatus.Unhealthy, ["ready"]));
        services.Configure<MassTransitHostOptions>(o =>
        {
            o.WaitUntilStarted = false;
            // In-flight batches get this long to commit on shutdown; anything unacked is requeued.
            o.StopTimeout = TimeSpan.FromSeconds(30);
        });
    }

    public static IOptions<SurveysOptions> Options(this IServiceProvider services) => services.GetRequiredService<IOptions<SurveysOptions>>();
}
