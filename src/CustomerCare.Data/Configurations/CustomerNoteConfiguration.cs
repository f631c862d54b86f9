using CustomerCare.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerCare.Data.Configurations;

internal sealed class CustomerNoteConfiguration : IEntityTypeConfiguration<CustomerNote>
{
    public void Configure(EntityTypeBuilder<CustomerNote> note)
    {
        // A story lists one customer's notes, newest first.
        note.HasIndex(n => new { n.CustomerId, n.CreatedAt });
        note.Property(n => n.CustomerId).HasMaxLength(450);
        note.Property(n => n.AuthorId).HasMaxLength(450);
        note.Property(n => n.Body).HasMaxLength(CustomerNote.BodyMaxLength);
        note.HasOne(n => n.Customer).WithMany().HasForeignKey(n => n.CustomerId).OnDelete(DeleteBehavior.Restrict);
        note.HasOne(n => n.Author).WithMany().HasForeignKey(n => n.AuthorId).OnDelete(DeleteBehavior.Restrict);
    }
}
