namespace CustomerCare.Web.Components.Account;

public static class CareClaims
{
    public const string DisplayName = CareClaimsPrincipalFactory.DisplayName;
    public const string Avatar = CareClaimsPrincipalFactory.Avatar;
    public const string EmailUnconfirmed = CareClaimsPrincipalFactory.EmailUnconfirmed;
}
