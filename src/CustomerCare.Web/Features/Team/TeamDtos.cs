namespace CustomerCare.Web.Features.Team;

/// <summary>Someone who works here, as the team page and their profile show them; <paramref name="Thanked"/> counts customers' thanks.</summary>
public sealed record TeamMember(string Id, string DisplayName, string? AvatarUrl, string? JobTitle, DateTime Since, int Thanked);

/// <summary>A thank-you note as a profile shows it: the writer's name as stored, the words, whether the writer let it be shown.</summary>
public sealed record ThanksNote(string FromName, string Note, DateTime At, bool Shown);

/// <summary>A staff member's profile: who they are, how often they were thanked, and the notes the viewer may read.</summary>
public sealed record StaffProfile(TeamMember Member, IReadOnlyList<ThanksNote> Notes, bool IsOwn);
