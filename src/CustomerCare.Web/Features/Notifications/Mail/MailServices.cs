using CustomerCare.Data.Entities;
using CustomerCare.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CustomerCare.Web.Features.Notifications.Mail;

public static class MailServices
{
    /// <summary>The Mail section (validated at start-up), the outbox and its sender, notification mails, account mails.</summary>
    public static IServiceCollection AddMail(this IServiceCollection services)
    {
        services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section)
            .PostConfigure<IHostEnvironment>((mail, environment) => mail.PickupDirectory = DataFolder.Resolve(DataFolder.Root(environment), mail.PickupDirectory))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<MailOptions>, MailOptionsValidator>();
        services.AddSingleton<MailQueue>();
        services.AddSingleton<MailTransport>();
        services.AddSingleton<MailSender>();
        services.AddSingleton<MailStrings>();
        services.AddSingleton<MailLinks>();
        services.AddSingleton<UnsubscribeTokens>();
        services.AddSingleton<MailPreferences>();
        services.AddSingleton<NotificationMailer>();
        services.AddHostedService<MailSenderWorker>();
        services.AddSingleton<AccountMailSender>();
        services.AddSingleton<IEmailSender<CareUser>>(sp => sp.GetRequiredService<AccountMailSender>());
        return services;
    }

    /// <summary>Names every problem at start-up, so the one log line says which setting to fix.</summary>
    private sealed class MailOptionsValidator(IOptions<PortalOptions> portal) : IValidateOptions<MailOptions>
    {
        public ValidateOptionsResult Validate(string? name, MailOptions options)
        {
            var problems = options.Problems(portal.Value.PublicUrl).ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
