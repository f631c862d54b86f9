using CustomerCare.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerCare.Data.Configurations;

internal sealed class PictureConfiguration : IEntityTypeConfiguration<Picture>
{
    public void Configure(EntityTypeBuilder<Picture> picture)
    {
        picture.Property(p => p.Id).ValueGeneratedNever();
        picture.Property(p => p.UploaderId).HasMaxLength(450);
        picture.Property(p => p.ContentType).HasMaxLength(Picture.ContentTypeMaxLength);
        picture.Property(p => p.AltText).HasMaxLength(Picture.AltTextMaxLength);

        // The post's delete takes its pictures along; the reply's is NoAction (SQL Server refuses a second cascade path
        // from the post), so whoever deletes replies deletes their pictures first (and their files, in a folder).
        picture.HasOne(p => p.Post).WithMany().HasForeignKey(p => p.PostId).OnDelete(DeleteBehavior.Cascade);
        picture.HasOne(p => p.Reply).WithMany().HasForeignKey(p => p.ReplyId).OnDelete(DeleteBehavior.NoAction);
        picture.HasOne(p => p.Uploader).WithMany().HasForeignKey(p => p.UploaderId).OnDelete(DeleteBehavior.Restrict);

        // A post's and a reply's pictures in the order they were added; a person's own (their data download, erasure).
        picture.HasIndex(p => new { p.PostId, p.ReplyId, p.CreatedAt }).HasDatabaseName("IX_Pictures_Post_Reply_Created");
        picture.HasIndex(p => p.ReplyId).HasDatabaseName("IX_Pictures_Reply");
        picture.HasIndex(p => new { p.UploaderId, p.CreatedAt }).HasDatabaseName("IX_Pictures_Uploader_Created");
    }
}
