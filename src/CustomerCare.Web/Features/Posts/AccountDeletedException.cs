namespace CustomerCare.Web.Features.Posts;

/// <summary>
/// An act of a person whose account was deleted while the act was under way (found inside the act's own transaction,
/// after the writer's row was locked): nothing was written. Outside that race <c>PostingRights</c> refuses first, with
/// the reason at the form.
/// </summary>
public sealed class AccountDeletedException(string userId)
    : InvalidOperationException($"The account {userId} was deleted; nothing was written.");
