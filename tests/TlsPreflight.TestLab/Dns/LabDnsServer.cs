using System.Collections.Concurrent;
using System.Net;
using ARSoft.Tools.Net.Dns;
using TlsPreflight.TestLab.Network;

namespace TlsPreflight.TestLab.Dns;

/// <summary>A real DNS server on 127.0.0.1, UDP and TCP on one free port, answering from a <see cref="LabZone"/>.
/// Unknown names get NXDOMAIN; names marked secure get the AD bit; chosen names get SERVFAIL.</summary>
public sealed class LabDnsServer : IDisposable
{
    private readonly DnsServer server;
    private int queryCount;
    private int tcpQueryCount;
    private readonly ConcurrentDictionary<(string Name, RecordType Type), int> questions = new();

    public LabZone Zone { get; } = new();

    public IPEndPoint EndPoint { get; }

    /// <summary>"127.0.0.1:port", as ProbingOptions.DnsServers takes it.</summary>
    public string Address => $"{EndPoint.Address}:{EndPoint.Port}";

    /// <summary>Queries answered so far, over UDP and TCP.</summary>
    public int QueryCount => Volatile.Read(ref queryCount);

    /// <summary>Queries that came over TCP (e.g. after a truncated UDP answer).</summary>
    public int TcpQueryCount => Volatile.Read(ref tcpQueryCount);

    /// <summary>How often this question was asked (name without the trailing dot, case-insensitive).</summary>
    public int QueryCountFor(string name, RecordType type) => questions.GetValueOrDefault((Key(name), type));

    /// <summary>Every question asked so far with its count, for tests and the benchmark's per-name tally.</summary>
    public IReadOnlyDictionary<(string Name, RecordType Type), int> Questions => new Dictionary<(string, RecordType), int>(questions);

    private static string Key(string name) => name.TrimEnd('.').ToLowerInvariant();

    private LabDnsServer(IPEndPoint endPoint)
    {
        EndPoint = endPoint;
        server = new DnsServer(new UdpServerTransport(endPoint, 2000), new TcpServerTransport(endPoint, 2000, 2000));
        server.QueryReceived += (_, e) =>
        {
            Interlocked.Increment(ref queryCount);
            if (e.TransportProtocol == TransportProtocol.Tcp)
                Interlocked.Increment(ref tcpQueryCount);
            if (e.Query is DnsMessage query)
            {
                foreach (var question in query.Questions)
                    questions.AddOrUpdate((Key(question.Name.ToString()), question.RecordType), 1, (_, n) => n + 1);
                e.Response = Zone.Answer(query);
            }
            return Task.CompletedTask;
        };
    }

    public static LabDnsServer Start()
    {
        var port = LoopbackAddresses.FreeUdpAndTcpPort(IPAddress.Loopback);
        var lab = new LabDnsServer(new IPEndPoint(IPAddress.Loopback, port));
        lab.server.Start();
        return lab;
    }

    public void Dispose()
    {
        // ARSoft's Stop waits on its listener tasks and rethrows their cancellation; a stopped server is what we asked for.
        try { server.Stop(); }
        catch (AggregateException e) when (e.InnerExceptions.All(inner => inner is OperationCanceledException)) { }
    }
}
