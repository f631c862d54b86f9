namespace CustomerCare.Data.Entities;

public static class Roles
{
    public const string Customer = "Customer";
    public const string Staff = "Staff";
    public const string ProductOwner = "ProductOwner";
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [Customer, Staff, ProductOwner, Admin];

    // Fixed ids: the roles are seeded by the first migration, so queries can name them without a lookup.
    public const string CustomerId = "2c5e1f0a-6b0e-4d6c-9a57-3f1f0c6a0001";
    public const string StaffId = "2c5e1f0a-6b0e-4d6c-9a57-3f1f0c6a0002";
    public const string ProductOwnerId = "2c5e1f0a-6b0e-4d6c-9a57-3f1f0c6a0003";
    public const string AdminId = "2c5e1f0a-6b0e-4d6c-9a57-3f1f0c6a0004";

    public static readonly IReadOnlyList<string> StaffRoleIds = [StaffId, ProductOwnerId, AdminId];

    /// <summary>Everyone who works for the company and may read internal notes.</summary>
    public const string StaffRoles = Staff + "," + ProductOwner + "," + Admin;
}
