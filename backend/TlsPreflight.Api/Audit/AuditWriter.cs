using System.Threading.Channels;
using Microsoft.Extensions.Options;
using TlsPreflight.Api.Storage;

namespace TlsPreflight.Api.Audit;

/// <summary>Writes audit entries through a bounded channel, many per transaction, so a burst of sends does not
/// queue behind each other. A send is answered only after its entry is committed: an acknowledged entry is in the
/// database (a kill -9 after the answer loses nothing). While the database is down entries wait in the buffer and
/// are written when it returns; an entry still unwritten after <see cref="AuditWriterOptions.CommitWait"/> is
/// withdrawn and its send answers 503, so the log never records a decision nobody was shown.</summary>
public sealed partial class AuditWriter(
    IServiceScopeFactory scopes,
    IOptions<AuditWriterOptions> options,
    ILogger<AuditWriter> logger) : BackgroundService
{
    private readonly Channel<Pending> buffer = Channel.CreateBounded<Pending>(new BoundedChannelOptions(options.Value.BufferCapacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    /// <summary>Returns once <paramref name="entry"/> is committed; throws <see cref="StorageUnavailableException"/>
    /// when it could not be (the entry is then not written).</summary>
    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        var pending = new Pending(entry);
        if (!buffer.Writer.TryWrite(pending))
        {
            throw new StorageUnavailableException("The audit log cannot be written right now (its buffer is full); the send was not recorded. Try again shortly.");
        }

        try
        {
            await pending.Committed.Task.WaitAsync(options.Value.CommitWait, cancellationToken);
            return;
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            // Either we take the entry back before the writer claims it, or the writer's attempt decides.
            while (true)
            {
                if (pending.TryWithdraw())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    throw new StorageUnavailableException("The audit log cannot be written right now; the send was not recorded. Try again shortly.", ex);
                }

                if (pending.Committed.Task.IsCompleted)
                {
                    await pending.Committed.Task;
                    return;
                }

                await Task.WhenAny(pending.Committed.Task, Task.Delay(20, CancellationToken.None));
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>();
        var delay = TimeSpan.FromMilliseconds(100);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (batch.Count == 0 && !await buffer.Reader.WaitToReadAsync(stoppingToken))
                {
                    return;
                }

                while (batch.Count < options.Value.BatchSize && buffer.Reader.TryRead(out var next))
                {
                    batch.Add(next);
                }

                // Claim what is still wanted; withdrawn entries are dropped unwritten.
                batch.RemoveAll(p => !p.TryClaim());
                if (batch.Count == 0)
                {
                    continue;
                }

                await WriteAsync(batch, stoppingToken);
                foreach (var written in batch)
                {
                    written.Committed.TrySetResult();
                }

                batch.Clear();
                delay = TimeSpan.FromMilliseconds(100);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested && StorageUnavailableException.IsOutage(ex))
            {
                LogRetrying(logger, batch.Count, delay, ex.Message);
                foreach (var waiting in batch)
                {
                    waiting.Release();
                }

                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested && ex is not OperationCanceledException)
            {
                // Not an outage (a bug, a constraint): those entries fail loudly instead of blocking the rest.
                LogFailed(logger, batch.Count, ex);
                foreach (var failed in batch)
                {
                    failed.Committed.TrySetException(ex);
                }

                batch.Clear();
            }
        }
    }

    private async Task WriteAsync(List<Pending> batch, CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(options.Value.BatchTimeout);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        foreach (var pending in batch)
        {
            pending.ResetKeys();
            db.AuditEntries.Add(pending.Entry);
        }

        try
        {
            // One SaveChanges: one transaction for the whole batch.
            await db.SaveChangesAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The audit batch did not commit within {options.Value.BatchTimeout}.");
        }
    }

    private sealed class Pending(AuditEntry entry)
    {
        private const int Waiting = 0, Claimed = 1, Withdrawn = 2;
        private int state = Waiting;

        public AuditEntry Entry { get; } = entry;

        public TaskCompletionSource Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool TryClaim() => Interlocked.CompareExchange(ref state, Claimed, Waiting) == Waiting;

        public bool TryWithdraw() => Interlocked.CompareExchange(ref state, Withdrawn, Waiting) == Waiting;

        /// <summary>A failed attempt hands the entry back, so its sender may still withdraw it.</summary>
        public void Release() => Interlocked.CompareExchange(ref state, Waiting, Claimed);

        /// <summary>A failed transaction may leave generated keys behind; the next attempt inserts afresh.</summary>
        public void ResetKeys()
        {
            Entry.Id = 0;
            foreach (var domain in Entry.Domains)
            {
                domain.Id = 0;
                domain.AuditEntryId = 0;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database does not answer; {Count} audit entries wait, next try in {Delay} ({Error})")]
    private static partial void LogRetrying(ILogger logger, int count, TimeSpan delay, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} audit entries could not be written")]
    private static partial void LogFailed(ILogger logger, int count, Exception exception);
}
