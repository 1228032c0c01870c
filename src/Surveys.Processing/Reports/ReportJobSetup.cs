using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Surveys.Processing.Reports;

public static class ReportJobSetup
{
    /// <summary>The monthly report job, configured from Surveys:Reports:* (Folder, CheckInterval, LookBackMonths).</summary>
    public static IServiceCollection AddMonthlyReports(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ReportJobOptions>(configuration.GetSection(ReportJobOptions.Section));
        services.TryAddSingleton(new ReportJobGate());
        services.AddHostedService<MonthlyReportJob>();
        return services;
    }
}
