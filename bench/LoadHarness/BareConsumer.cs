using System.Diagnostics;
using Dapper;
using MassTransit;
using Npgsql;

namespace Surveys.Bench;

/// <summary>
/// Baseline (b): bare MassTransit batch consumer, shaped like the worker (quorum queue, 100 messages
/// or 50 ms per batch, 2 batches at once, prefetch 400), storing each batch with one multi-row
/// INSERT. Measures end to end: first publish until every message is in the table.
/// </summary>
public static class BareConsumer
{
    public static async Task<double> RunAsync(HarnessOptions o, string runId)
    {
        var table = $"bench_messages_{runId}";
        await using var data = NpgsqlDataSource.Create(o.Pg);
        await using (var c = await data.OpenConnectionAsync())
            await c.ExecuteAsync($"CREATE TABLE {table} (id uuid PRIMARY KEY, seq int NOT NULL, overall int NOT NULL, comment text, sent_at bigint NOT NULL)");
        var counter = new Counter();
        var queue = $"bench-consume-{runId}";
        var bus = BarePublish.Bus(o, cfg => cfg.ReceiveEndpoint(queue, e =>
        {
            e.PrefetchCount = 400;
            e.SetQuorumQueue();
            e.Consumer(() => new Consumer(data, table, counter), c => c.Options<BatchOptions>(b =>
                b.SetMessageLimit(100).SetTimeLimit(TimeSpan.FromMilliseconds(50)).SetConcurrencyLimit(2)));
        }));
        await bus.StartAsync();
        try
        {
            await PublishAndDrainAsync(bus, counter, o.Warmup, o);
            counter.Reset();
            var seconds = await PublishAndDrainAsync(bus, counter, o.Responses, o);
            await using var c = await data.OpenConnectionAsync();
            var rows = await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}");
            if (rows != o.Warmup + o.Responses) throw new InvalidOperationException($"bare consumer stored {rows} rows, expected {o.Warmup + o.Responses}");
            return o.Responses / seconds;
        }
        finally
        {
            await bus.StopAsync();
            await BarePublish.WithChannelAsync(o, channel => channel.QueueDeleteAsync(queue, ifUnused: false, ifEmpty: false));
            await using var c = await data.OpenConnectionAsync();
            await c.ExecuteAsync($"DROP TABLE IF EXISTS {table}");
        }
    }

    static async Task<double> PublishAndDrainAsync(IBus bus, Counter counter, int count, HarnessOptions o)
    {
        var start = Stopwatch.GetTimestamp();
        await BarePublish.PublishAsync(bus, count, o.Concurrency, BareMessage.Make<BareConsumed>, o.PhaseTimeout, closedLoop: false);
        await counter.WaitForAsync(count).WaitAsync(o.PhaseTimeout);
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    sealed class Counter
    {
        long _count;
        volatile TaskCompletionSource<bool> _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        long _target = long.MaxValue;

        public void Reset()
        {
            Interlocked.Exchange(ref _target, long.MaxValue);
            Interlocked.Exchange(ref _count, 0);
            _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        public Task WaitForAsync(long target)
        {
            Interlocked.Exchange(ref _target, target);
            if (Interlocked.Read(ref _count) >= target) _reached.TrySetResult(true);
            return _reached.Task;
        }

        public void Add(int n)
        {
            if (Interlocked.Add(ref _count, n) >= Interlocked.Read(ref _target)) _reached.TrySetResult(true);
        }
    }

    sealed class Consumer(NpgsqlDataSource data, string table, Counter counter) : IConsumer<Batch<BareConsumed>>
    {
        public async Task Consume(ConsumeContext<Batch<BareConsumed>> context)
        {
            var m = context.Message.Select(x => x.Message).ToArray();
            await using var c = await data.OpenConnectionAsync();
            // One statement for the whole batch: PostgreSQL turns the arrays back into rows.
            await c.ExecuteAsync($"""
                INSERT INTO {table} (id, seq, overall, comment, sent_at)
                SELECT * FROM unnest(@Ids, @Seqs, @Overall, @Comments, @SentAt) ON CONFLICT (id) DO NOTHING
                """, new
            {
                Ids = m.Select(x => x.Id).ToArray(), Seqs = m.Select(x => x.Seq).ToArray(), Overall = m.Select(x => x.Answers["overall"]).ToArray(),
                Comments = m.Select(x => x.Comment).ToArray(), SentAt = m.Select(x => x.SentAt.ToUnixTimeMilliseconds()).ToArray(),
            });
            counter.Add(m.Length);
        }
    }
}
