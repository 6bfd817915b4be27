using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Support.Data;

namespace Support.Migrations.Sqlite;

/// <summary>Used only by 'dotnet ef migrations add … --project src/Support.Migrations.Sqlite'.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<SupportDbContext>
{
    public SupportDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SupportDbContext>()
            .UseSqlite("Data Source=design-time.db", o => o.MigrationsAssembly(typeof(DesignTimeDbContextFactory).Assembly.GetName().Name))
            .Options);
}
