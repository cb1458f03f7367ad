namespace TlsPreflight.Probing.Scheduling;

/// <summary>One lane of the scheduler: <c>concurrency</c> slots, one FIFO queue per requester, bounded per requester
/// and in all. A free slot goes to the requester of the best class with the fewest items running (ties: the one
/// served longest ago), so a newcomer's first item takes the very next slot whatever another requester has queued.
/// Items with a gate key run one at a time per key; a waiting item whose gate is busy lets later items pass.</summary>
internal sealed class FairLane(int concurrency, int queuedPerRequester, int queuedInAll)
{
    private readonly Lock gate = new();
    private readonly Dictionary<ProbeRequester, RequesterQueue> requesters = [];
    private readonly HashSet<string> busyGates = new(StringComparer.Ordinal);
    private int running;
    private int queued;
    private long served;

    public LaneLoad Load
    {
        get
        {
            lock (gate)
                return new LaneLoad(running, queued, busyGates.Count, requesters.Count);
        }
    }

    /// <summary>Runs <paramref name="work"/> in its turn. A full queue answers <paramref name="whenFull"/> at once;
    /// <paramref name="cancellationToken"/> removes the item while it waits and is passed to the work once it runs.</summary>
    public Task<T> RunAsync<T>(ProbeRequester requester, string? gateKey, Func<CancellationToken, Task<T>> work, Func<T> whenFull,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var item = new Item<T>(requester, gateKey, work, whenFull, cancellationToken);
        Item? evicted = null;
        bool admitted, startNow = false;
        lock (gate)
        {
            var queue = QueueOf(requester);
            admitted = Admit(queue, out evicted);
            if (admitted && running < concurrency && IsFree(gateKey))
            {
                // A free slot means nothing queued could run (see Completed), so this item is the fair pick.
                MarkRunning(queue, item);
                startNow = true;
            }
            else if (admitted)
            {
                item.Node = queue.Waiting.AddLast(item);
                queued++;
            }
            else
            {
                Forget(queue);
            }
        }

        evicted?.Reject();
        if (!admitted)
            return Task.FromResult(whenFull());
        if (startNow)
            Launch(item);
        else
            item.WatchCancellation(this);
        return item.Task;
    }

    /// <summary>Per-requester bound first; at the overall bound the longest other queue gives up its newest item.</summary>
    private bool Admit(RequesterQueue queue, out Item? evicted)
    {
        evicted = null;
        if (queue.Waiting.Count >= queuedPerRequester)
            return false;
        if (queued < queuedInAll)
            return true;
        var longest = requesters.Values.MaxBy(q => q.Waiting.Count)!;
        if (longest == queue || longest.Waiting.Count <= queue.Waiting.Count + 1)
            return false;
        evicted = longest.Waiting.Last!.Value;
        longest.Waiting.RemoveLast();
        evicted.Node = null;
        queued--;
        return true;
    }

    private void Completed(Item item)
    {
        var start = new List<Item>();
        lock (gate)
        {
            running--;
            if (item.GateKey is not null)
                busyGates.Remove(item.GateKey);
            var queue = requesters[item.Requester];
            queue.Running--;
            Forget(queue);
            while (running < concurrency && NextRunnable() is { } next)
            {
                var owner = requesters[next.Requester];
                owner.Waiting.Remove(next.Node!);
                next.Node = null;
                queued--;
                MarkRunning(owner, next);
                start.Add(next);
            }
        }

        foreach (var next in start)
            Launch(next);
    }

    private Item? NextRunnable()
    {
        var order = requesters.Values.Where(q => q.Waiting.Count > 0)
            .OrderBy(q => q.Requester.Priority).ThenBy(q => q.Running).ThenBy(q => q.LastServed);
        foreach (var queue in order)
            foreach (var candidate in queue.Waiting)
                if (IsFree(candidate.GateKey))
                    return candidate;
        return null;
    }

    /// <summary>The caller gave up while the item waited: it leaves the queue and never runs.</summary>
    private void Withdraw(Item item)
    {
        lock (gate)
        {
            if (item.Node is null)
                return; // already running, rejected or withdrawn
            var queue = requesters[item.Requester];
            queue.Waiting.Remove(item.Node);
            item.Node = null;
            queued--;
            Forget(queue);
        }
        item.Cancel();
    }

    private void MarkRunning(RequesterQueue queue, Item item)
    {
        running++;
        queue.Running++;
        queue.LastServed = ++served;
        if (item.GateKey is not null)
            busyGates.Add(item.GateKey);
    }

    private bool IsFree(string? gateKey) => gateKey is null || !busyGates.Contains(gateKey);

    private RequesterQueue QueueOf(ProbeRequester requester)
    {
        if (!requesters.TryGetValue(requester, out var queue))
            requesters[requester] = queue = new RequesterQueue(requester);
        return queue;
    }

    /// <summary>A requester with nothing queued and nothing running leaves no trace.</summary>
    private void Forget(RequesterQueue queue)
    {
        if (queue.Waiting.Count == 0 && queue.Running == 0)
            requesters.Remove(queue.Requester);
    }

    /// <summary>The slot is free again before the caller sees the result.</summary>
    private void Launch(Item item) => _ = Task.Run(async () =>
    {
        try
        {
            await item.RunAsync();
        }
        finally
        {
            Completed(item);
            item.Publish();
        }
    });

    private sealed class RequesterQueue(ProbeRequester requester)
    {
        public ProbeRequester Requester { get; } = requester;
        public LinkedList<Item> Waiting { get; } = new();
        public int Running { get; set; }
        public long LastServed { get; set; }
    }

    private abstract class Item(ProbeRequester requester, string? gateKey)
    {
        public ProbeRequester Requester { get; } = requester;
        public string? GateKey { get; } = gateKey;
        /// <summary>Set while the item waits in its queue (guarded by the lane's lock).</summary>
        public LinkedListNode<Item>? Node { get; set; }
        /// <summary>Runs the work and keeps its outcome for <see cref="Publish"/>; never throws.</summary>
        public abstract Task RunAsync();
        public abstract void Publish();
        public abstract void Reject();
        public abstract void Cancel();
    }

    private sealed class Item<T>(ProbeRequester requester, string? gateKey, Func<CancellationToken, Task<T>> work, Func<T> whenFull,
        CancellationToken cancellationToken) : Item(requester, gateKey)
    {
        private readonly TaskCompletionSource<T> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private CancellationTokenRegistration registration;

        public Task<T> Task => completion.Task;

        public void WatchCancellation(FairLane lane) => registration = cancellationToken.Register(() => lane.Withdraw(this));

        private Action? publish;

        public override async Task RunAsync()
        {
            await registration.DisposeAsync();
            try
            {
                var result = await work(cancellationToken);
                publish = () => completion.TrySetResult(result);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                publish = () => completion.TrySetCanceled(cancellationToken);
            }
            catch (Exception e)
            {
                publish = () => completion.TrySetException(e);
            }
        }

        public override void Publish() => (publish ?? (() => completion.TrySetException(new InvalidOperationException("the work did not run"))))();

        public override void Reject()
        {
            registration.Dispose();
            try
            {
                completion.TrySetResult(whenFull());
            }
            catch (Exception e)
            {
                completion.TrySetException(e);
            }
        }

        /// <summary>Called from the token's own callback, so the registration is not disposed here.</summary>
        public override void Cancel()
        {
            completion.TrySetCanceled(cancellationToken);
        }
    }
}
