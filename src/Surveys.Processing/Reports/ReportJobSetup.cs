using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Surveys.Processing.Reports;

public static class ReportJobSetup
{
    /// <summary>The monthly report job, configured from Surveys:Reports:* (Folder, CheckInterval, LookBackMonths).</summary>
    public static IServiceCollection AddMonthlyReports(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ReportJobOptions>(configuration.GetSection(ReportJobOptions.Section));
        services.AddHostedService<MonthlyReportJob>();
        return services;
    }
}
