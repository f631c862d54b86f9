using Microsoft.Extensions.Options;

namespace CustomerCare.Web.Features.Privacy;

public static class PrivacyServices
{
    public static IServiceCollection AddPrivacyNotice(this IServiceCollection services)
    {
        services.AddOptions<PrivacyOptions>().BindConfiguration(PrivacyOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PrivacyOptions>, PrivacyOptionsValidator>();
        services.AddSingleton<PrivacyNotices>();
        services.AddHostedService<PrivacyNoticeCheck>();
        return services;
    }

    private sealed class PrivacyOptionsValidator : IValidateOptions<PrivacyOptions>
    {
        public ValidateOptionsResult Validate(string? name, PrivacyOptions options)
        {
            var problems = options.Problems().ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
