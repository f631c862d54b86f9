using CustomerCare.Tests.Component.Support;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Pictures;
using CustomerCare.Web.Features.Threads;
using Microsoft.AspNetCore.Components.Forms;

namespace CustomerCare.Tests.Component.Pictures;

/// <summary>
/// The composer's pictures: a chosen file shows as a preview with the field for its description, a send waits for that
/// description and hands the picture over with it; a refused file says why, by name; the text never goes on a refusal.
/// </summary>
public sealed class PicturePickerTests : ComponentTestContext
{
    private readonly PictureDraft draft = new();
    private readonly List<IReadOnlyList<PictureUpload>> sent = [];
    private ThreadOutcome answer = ThreadOutcome.Posted;

    [Fact]
    public async Task A_chosen_picture_is_previewed_and_sent_with_its_description_once_described()
    {
        var composer = RenderComposer();
        await composer.Find("textarea[data-testid=composer-body]").InputAsync(new() { Value = "The bill shows this line twice." });

        composer.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(TestPictures.Screenshot(), "bill.png", contentType: "image/png"));

        composer.WaitForAssertion(() => Assert.Single(composer.FindAll("[data-testid=picture-draft]")));
        Assert.StartsWith("data:image/jpeg;base64,", composer.Find("[data-testid=picture-draft] img").GetAttribute("src"), StringComparison.Ordinal);
        Assert.True(composer.Find("[data-testid=composer-submit]").HasAttribute("disabled"));

        await composer.Find("input[data-testid=picture-alt]").InputAsync(new() { Value = "The bill with the doubled line marked" });
        await composer.Find("[data-testid=composer-submit]").ClickAsync(new());

        composer.WaitForAssertion(() => Assert.Single(sent));
        var upload = Assert.Single(sent[0]);
        Assert.Equal(("The bill with the doubled line marked", 320, 200), (upload.AltText, upload.Picture.Width, upload.Picture.Height));
        composer.WaitForAssertion(() => Assert.Empty(composer.FindAll("[data-testid=picture-draft]")));
    }

    [Fact]
    public async Task A_mislabelled_file_is_refused_by_name_and_the_text_stays()
    {
        var composer = RenderComposer();
        await composer.Find("textarea[data-testid=composer-body]").InputAsync(new() { Value = "Here is my screenshot." });

        composer.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(TestPictures.Screenshot(), "screen.jpg", contentType: "image/jpeg"));

        composer.WaitForAssertion(() => Assert.Equal(
            "screen.jpg was not added: The file's name or type does not match what it contains.",
            composer.Find("[data-testid=picture-error]").TextContent.Trim()));
        Assert.Empty(composer.FindAll("[data-testid=picture-draft]"));
        Assert.Equal("Here is my screenshot.", composer.Find("textarea[data-testid=composer-body]").GetAttribute("value"));
        Assert.False(composer.Find("[data-testid=composer-submit]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task A_reply_the_service_refuses_for_its_pictures_keeps_the_text_and_the_pictures()
    {
        answer = ThreadOutcome.PicturesRefused;
        var composer = RenderComposer();
        await composer.Find("textarea[data-testid=composer-body]").InputAsync(new() { Value = "Look at this." });
        composer.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(TestPictures.Screenshot(), "look.png", contentType: "image/png"));
        composer.WaitForAssertion(() => Assert.Single(composer.FindAll("[data-testid=picture-draft]")));
        await composer.Find("input[data-testid=picture-alt]").InputAsync(new() { Value = "A screenshot" });

        await composer.Find("[data-testid=composer-submit]").ClickAsync(new());

        composer.WaitForAssertion(() => Assert.Contains("every picture needs a description", composer.Find("[data-testid=composer-error]").TextContent, StringComparison.Ordinal));
        Assert.Equal("Look at this.", composer.Find("textarea[data-testid=composer-body]").GetAttribute("value"));
        Assert.Single(composer.FindAll("[data-testid=picture-draft]"));
    }

    private IRenderedComponent<ReplyComposer> RenderComposer() => Render<ReplyComposer>(p => p
        .Add(c => c.Label, "Your reply")
        .Add(c => c.SubmitLabel, "Send")
        .Add(c => c.Pictures, draft)
        .Add(c => c.Submit, (body, internalNote) =>
        {
            sent.Add(draft.Uploads);
            return Task.FromResult(new ThreadResult(answer));
        }));
}
