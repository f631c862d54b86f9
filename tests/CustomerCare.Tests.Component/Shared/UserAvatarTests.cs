using CustomerCare.Tests.Component.Support;
using CustomerCare.Web.Components.Shared;

namespace CustomerCare.Tests.Component.Shared;

public sealed class UserAvatarTests : ComponentTestContext
{
    [Fact]
    public void Person_without_picture_is_shown_with_initials()
    {
        var avatar = Render<UserAvatar>(p => p.Add(a => a.Name, "Anna Berger"));

        Assert.Equal("AB", avatar.Find(".mud-avatar").TextContent.Trim());
        Assert.Empty(avatar.FindAll("img"));
    }

    [Fact]
    public void Person_with_picture_is_shown_with_it_and_named_for_screen_readers()
    {
        var avatar = Render<UserAvatar>(p => p
            .Add(a => a.Name, "Jonas Weber")
            .Add(a => a.AvatarUrl, "/avatars/jonas.svg"));

        var img = avatar.Find("img");
        Assert.Equal("/avatars/jonas.svg", img.GetAttribute("src"));
        Assert.Equal("Jonas Weber", img.GetAttribute("alt"));
    }

    [Fact]
    public void Same_name_always_gets_the_same_colour()
    {
        var first = Render<UserAvatar>(p => p.Add(a => a.Name, "Clara Schmidt")).Find(".mud-avatar").GetAttribute("style");
        var second = Render<UserAvatar>(p => p.Add(a => a.Name, "Clara Schmidt")).Find(".mud-avatar").GetAttribute("style");

        Assert.Equal(first, second);
    }
}
