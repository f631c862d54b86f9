using System.Data.Common;
using CustomerCare.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace CustomerCare.Benchmarks.Seeding;

/// <summary>
/// Writes many rows of one entity's table fast, below EF Core (which tracks and batches a few hundred rows at
/// a time): PostgreSQL through binary COPY, every other database through one prepared INSERT reused inside
/// transactions of <see cref="BatchRows"/> rows. Table and column names come from the EF model, so a
/// renamed column breaks the build of the model, not this writer silently. Rows carry explicit ids.
/// </summary>
public sealed class BulkWriter(CareDb db, Progress? progress)
{
    public const int BatchRows = 20_000;

    public async Task WriteAsync<TEntity>(string[] properties, IEnumerable<object?[]> rows, CancellationToken ct = default)
    {
        var entity = db.Model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = properties.Select(p => entity.FindProperty(p)?.GetColumnName(table)
            ?? throw new InvalidOperationException($"{typeof(TEntity).Name}.{p} has no column.")).ToArray();
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync(ct);
        }

        if (connection is NpgsqlConnection npgsql)
        {
            await CopyAsync(npgsql, table.Name, columns, rows, ct);
        }
        else
        {
            await InsertAsync(connection, table.Name, columns, rows, ct);
        }
    }

    private async Task CopyAsync(NpgsqlConnection connection, string table, string[] columns, IEnumerable<object?[]> rows, CancellationToken ct)
    {
        var copy = $"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)";
        await using var importer = await connection.BeginBinaryImportAsync(copy, ct);
        var count = 0;
        foreach (var row in rows)
        {
            await importer.StartRowAsync(ct);
            foreach (var value in row)
            {
                await (value switch
                {
                    null => importer.WriteNullAsync(ct),
                    int i => importer.WriteAsync(i, ct),
                    long l => importer.WriteAsync(l, ct),
                    double d => importer.WriteAsync(d, ct),
                    bool b => importer.WriteAsync(b, ct),
                    DateTime t => importer.WriteAsync(t, NpgsqlTypes.NpgsqlDbType.TimestampTz, ct),
                    string s => importer.WriteAsync(s, ct),
                    _ => throw new NotSupportedException($"No COPY path for {value.GetType().Name}."),
                });
            }

            if (++count % 1_000 == 0)
            {
                progress?.Add(1_000);
            }
        }

        await importer.CompleteAsync(ct);
        progress?.Add(count % 1_000);
    }

    private async Task InsertAsync(DbConnection connection, string table, string[] columns, IEnumerable<object?[]> rows, CancellationToken ct)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        await using var insert = connection.CreateCommand();
        insert.CommandText = $"INSERT INTO {sql.DelimitIdentifier(table)} ({string.Join(", ", columns.Select(sql.DelimitIdentifier))}) " +
                             $"VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})";

        var parameters = columns.Select((_, i) =>
        {
            var p = insert.CreateParameter();
            p.ParameterName = $"@p{i}";
            insert.Parameters.Add(p);
            return p;
        }).ToArray();
        DbTransaction? tx = null;
        var inBatch = 0;
        try
        {
            foreach (var row in rows)
            {
                if (tx is null)
                {
                    tx = await connection.BeginTransactionAsync(ct);
                    insert.Transaction = tx;
                }

                for (var i = 0; i < row.Length; i++)
                {
                    parameters[i].Value = row[i] ?? DBNull.Value;
                }

                await insert.ExecuteNonQueryAsync(ct);
                if (++inBatch == BatchRows)
                {
                    await tx.CommitAsync(ct);
                    await tx.DisposeAsync();
                    tx = null;
                    progress?.Add(inBatch);
                    inBatch = 0;
                }
            }

            if (tx is not null)
            {
                await tx.CommitAsync(ct);
            }

            progress?.Add(inBatch);
        }
        finally
        {
            if (tx is not null)
            {
                await tx.DisposeAsync();
            }
        }
    }
}
