using Microsoft.Extensions.Options;

namespace CustomerCare.Web.Features.Pictures;

/// <summary>The pictures' wiring: options, the processor, the configured store, attaching and serving.</summary>
public static class PictureServices
{
    public static IServiceCollection AddPictures(this IServiceCollection services)
    {
        services.AddOptions<PictureOptions>().BindConfiguration(PictureOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => Enum.IsDefined(o.Store), "Pictures:Store must be Database or Folder.")
            .ValidateOnStart();
        services.AddSingleton<PictureProcessor>();
        services.AddSingleton<FolderPictureStore>();
        services.AddSingleton<DatabasePictureStore>();
        services.AddSingleton<IPictureStore>(sp => sp.GetRequiredService<IOptions<PictureOptions>>().Value.Store == PictureStoreKind.Folder
            ? sp.GetRequiredService<FolderPictureStore>()
            : sp.GetRequiredService<DatabasePictureStore>());
        services.AddSingleton<PictureAttachments>();
        services.AddSingleton<PictureService>();
        return services;
    }
}
