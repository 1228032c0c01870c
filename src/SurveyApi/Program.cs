using Surveys;
using Surveys.Api.Audit;
using Surveys.Api.CommentReview;
using Surveys.Api.Commendations;
using Surveys.Api.Contacts;
using Surveys.Api.Demo;
using Surveys.Api.Exports;
using Surveys.Api.Figures;
using Surveys.Api.Flags;
using Surveys.Api.FollowUps;
using Surveys.Api.Events;
using Surveys.Api.Hosting;
using Surveys.Api.ProblemSolving;
using Surveys.Api.Public;
using Surveys.Api.ReferenceData;
using Surveys.Api.Resident;
using Surveys.Api.Reports;
using Surveys.Api.Responses;
using Surveys.Api.Sms;
using Surveys.Api.StaffConsole;
using Surveys.Api.Users;
using Surveys.Hosting;
using Surveys.Processing;
using Surveys.Sms;
using Surveys.Texts;

// `users …` manages staff accounts (the first administrator too) and exits without serving.
if (args is ["users", ..]) { Environment.ExitCode = await UsersCommand.RunAsync(args[1..], Console.In, Console.Out); return; }

// --demo is a switch, not a configuration key: keep it away from the command-line provider,
// which would otherwise take the next argument as its value.
var demo = args.Contains("--demo");
var builder = WebApplication.CreateBuilder(args.Where(a => a != "--demo").ToArray());
if (demo) DemoSetup.AddDemoApiKey(builder);

// Embedded mode owns the schema and hosts the whole processing pipeline (consumers, SMS dispatch,
// the monthly report job) in this process; in Server mode SurveyWorker does, and the API only publishes.
var options = builder.AddSurveysCore(ownsSchema: !string.Equals(builder.Configuration["Surveys:Mode"], "Server", StringComparison.OrdinalIgnoreCase));
// Read now, so a bad override file stops the start with its message (docs/languages.md).
builder.Services.AddSingleton(TextCatalog.FromOptions(options, [SmsText.Strings, ResidentHtml.Strings, Surveys.Api.Public.PublicText.Strings], strict: true));
if (options.Mode == SurveysMode.Embedded) builder.Services.AddSurveyProcessing(options, builder.Configuration);
else builder.Services.AddSurveysBus(options);
builder.Services.AddProblemDetails();
builder.Services.AddSurveysAuth();
builder.AddStaffAuth();
builder.Services.AddResidentLimits(options);
PublicUrl.AddPublicUrl(builder);
builder.AddProxyTrust();
builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false); // no "Server: Kestrel" to fingerprint
builder.Services.AddSingleton<Submission>();
builder.Services.AddSingleton<EventSubmission>();
// Embedded mode queues answers on disk (claim and answer in one transaction); Processing drains them.
if (options.Mode == SurveysMode.Embedded) builder.Services.AddSingleton<EmbeddedSubmission>();
builder.Services.AddSingleton<ContactIntake>();
builder.Services.AddSmsReplies();
builder.Services.AddHostedService<StartupBanner>();
if (demo) DemoSetup.AddDemoSeeding(builder.Services);

builder.Services.AddSurveysKeyRing(); // last: it unregisters Data Protection's start-up read
var app = builder.Build();
app.UseProxyTrust();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseSecurityHeaders();
app.UseSchemaGate();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();

app.MapOpenApi("/openapi/{documentName}.json");
app.MapSurveysHealth();
app.MapGet("/", () => Results.Text("Surveys is running. See /openapi/v1.json for the API and /health/ready for readiness.\n")).ExcludeFromDescription();
app.MapNeighborhoods();
app.MapOfficers();
app.MapContacts();
app.MapResponses();
app.MapResidentPages();
app.MapEventPages();
app.MapEvents();
app.MapPublicPages();
app.MapFigures();
app.MapReports();
app.MapEarlyInterventionExport();
app.MapSmsWebhooks();
app.MapFlags();
app.MapFollowUps();
app.MapProblems();
app.MapCommendations();
app.MapCommentReviews();
app.MapAudit();
app.MapConsole();
app.Run();

public partial class Program;
