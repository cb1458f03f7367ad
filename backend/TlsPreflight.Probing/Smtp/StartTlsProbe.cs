using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Options;
using TlsPreflight.Probing.Certificates;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Probing.Smtp;

/// <summary>One SMTP conversation with one MX address, read top to bottom like MailKit's SmtpClient:
/// connect → banner → EHLO → STARTTLS → TLS handshake (SNI = MX host) → EHLO again → QUIT (RFC 5321, RFC 3207).
/// Each step has its own deadline and read limits; every way the far side can misbehave ends in a
/// <see cref="ProbeOutcome"/>. No retries: a 421 is a result, not a fault.</summary>
public sealed class StartTlsProbe(IOptions<ProbingOptions> options, ChainValidator validator, TimeProvider time)
{
    private static readonly TimeSpan QuitTimeout = TimeSpan.FromSeconds(2);
    private readonly ProbingOptions o = options.Value;

    /// <summary>Probe <paramref name="address"/> as the MX <paramref name="mxHost"/>. Throws only
    /// <see cref="OperationCanceledException"/> when the caller cancels.</summary>
    public async Task<SmtpProbeResult> ProbeAsync(string mxHost, IPAddress address, CancellationToken cancellationToken)
    {
        var steps = new ProbeSteps(cancellationToken);
        var evidence = new Evidence(address.ToString(), o.SmtpPort);
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        ServerBytes? handshakeBytes = null;
        try
        {
            await steps.RunAsync(ProbeStep.Connect, o.ConnectTimeout, t => socket.ConnectAsync(new IPEndPoint(address, o.SmtpPort), t).AsTask());
            await using var network = new NetworkStream(socket, ownsSocket: false);
            var reader = new SmtpReplyReader(network);

            var banner = await steps.RunAsync(ProbeStep.Banner, o.SmtpCommandTimeout, reader.ReadReplyAsync);
            evidence.Reply(banner);
            evidence.Banner = string.Join(" / ", banner.Lines);
            if (banner.Code != 220)
                return evidence.Refusal(banner, ProbeStep.Banner, steps);

            var ehlo = await steps.RunAsync(ProbeStep.Ehlo, o.SmtpCommandTimeout, t => CommandAsync(network, reader, $"EHLO {o.EhloName}", t));
            evidence.Reply(ehlo);
            if (ehlo.Code is 500 or 502 or 504)
            {
                // RFC 5321 §3.2: a server without EHLO gets HELO; it has no extensions, so no STARTTLS.
                var helo = await steps.RunAsync(ProbeStep.Ehlo, o.SmtpCommandTimeout, t => CommandAsync(network, reader, $"HELO {o.EhloName}", t));
                evidence.Reply(helo);
                if (helo.Code != 250)
                    return evidence.Refusal(helo, ProbeStep.Ehlo, steps);
                await QuitAsync(network, reader, cancellationToken);
                return evidence.End(ProbeOutcome.Completed, null, null, steps);
            }
            if (ehlo.Code != 250)
                return evidence.Refusal(ehlo, ProbeStep.Ehlo, steps);
            // RFC 5321 §4.1.1.1: the first line is the greeting, each further line one extension keyword.
            evidence.StartTlsOffered = ehlo.Lines.Skip(1).Any(l => l.Split(' ')[0].Equals("STARTTLS", StringComparison.OrdinalIgnoreCase));
            if (!evidence.StartTlsOffered)
            {
                await QuitAsync(network, reader, cancellationToken);
                return evidence.End(ProbeOutcome.Completed, null, null, steps);
            }

            var starttls = await steps.RunAsync(ProbeStep.Starttls, o.SmtpCommandTimeout, t => CommandAsync(network, reader, "STARTTLS", t));
            evidence.Reply(starttls);
            if (starttls.Code != 220)
            {
                // RFC 3207 §4: e.g. 454 "TLS not available"; an opportunistic sender then goes on in clear.
                await QuitAsync(network, reader, cancellationToken);
                return evidence.End(ProbeOutcome.Completed, ProbeStep.Starttls, $"STARTTLS refused: {starttls}", steps);
            }
            if (reader.HasBufferedData)
                return evidence.End(ProbeOutcome.ProtocolError, ProbeStep.Starttls, "the server sent data after its 220 to STARTTLS (RFC 3207 §4)", steps);

            var presented = new PresentedChain();
            handshakeBytes = new ServerBytes(network);
            await using var tls = new SslStream(handshakeBytes, leaveInnerStreamOpen: true);
            var tlsOptions = new SslClientAuthenticationOptions
            {
                TargetHost = mxHost, // SNI (RFC 8461 §7.1, RFC 7672 §8.1)
                // The chain SslStream builds for the callback fetches nothing either (no AIA, CRL or OCSP traffic),
                // and is the first trust question ChainValidator asks, so it need not build the chain again.
                CertificateChainPolicy = validator.HandshakePolicy(),
                // Accept everything here but record it: ChainValidator and TlsaMatcher judge it afterwards.
                RemoteCertificateValidationCallback = (_, certificate, chain, _) => presented.Record(certificate, chain),
            };
            await steps.RunAsync(ProbeStep.Handshake, o.TlsHandshakeTimeout, t => tls.AuthenticateAsClientAsync(tlsOptions, t));
            evidence.Tls = Session(tls, presented, mxHost);

            var tlsReader = new SmtpReplyReader(tls);
            var ehloTls = await steps.RunAsync(ProbeStep.EhloTls, o.SmtpCommandTimeout, t => CommandAsync(tls, tlsReader, $"EHLO {o.EhloName}", t));
            evidence.Reply(ehloTls);
            if (ehloTls.Code != 250)
                return evidence.Refusal(ehloTls, ProbeStep.EhloTls, steps);
            await QuitAsync(tls, tlsReader, cancellationToken);
            return evidence.End(ProbeOutcome.Completed, null, null, steps);
        }
        catch (StepTimeoutException e) when (e.Step == ProbeStep.Handshake)
        {
            // After `220 Ready to start TLS` a silent server has failed TLS as surely as one that hangs up:
            // an opportunistic sender gives up on TLS and retries in clear (Postfix at `may`, after its backoff).
            return evidence.End(ProbeOutcome.HandshakeFailed, e.Step, $"no handshake within {o.TlsHandshakeTimeout.TotalSeconds:0.#} s", steps)
                with { HandshakeFailure = HandshakeFailureKind.Timeout };
        }
        catch (StepTimeoutException e)
        {
            return evidence.End(ProbeOutcome.Timeout, e.Step, e.Message, steps);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is SocketException or IOException or SmtpProtocolException or AuthenticationException or ObjectDisposedException)
        {
            return Classify(e, steps, evidence, handshakeBytes);
        }
    }

    private static SmtpProbeResult Classify(Exception e, ProbeSteps steps, Evidence evidence, ServerBytes? handshakeBytes)
    {
        var step = steps.Current;
        var socketError = (e as SocketException ?? e.InnerException as SocketException)?.SocketErrorCode;
        if (step == ProbeStep.Connect)
        {
            return socketError is SocketError.NetworkUnreachable or SocketError.AddressFamilyNotSupported
                ? evidence.End(ProbeOutcome.SkippedUnroutable, step, $"no route: {socketError}", steps)
                : evidence.End(ProbeOutcome.Refused, step, socketError is { } code ? $"connect failed: {code}" : e.Message, steps);
        }
        if (step == ProbeStep.Handshake)
        {
            var (kind, detail) = HandshakeFailureReader.Explain(handshakeBytes is null ? [] : handshakeBytes.Received, e);
            return evidence.End(ProbeOutcome.HandshakeFailed, step, detail, steps) with { HandshakeFailure = kind };
        }
        return evidence.End(ProbeOutcome.ProtocolError, step, Describe(e), steps);
    }

    private static string Describe(Exception e)
        => e.InnerException is { } inner && inner.Message != e.Message ? $"{e.Message} ({inner.Message})" : e.Message;

    private static async Task<SmtpReply> CommandAsync(Stream stream, SmtpReplyReader reader, string command, CancellationToken token)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"), token);
        await stream.FlushAsync(token);
        return await reader.ReadReplyAsync(token);
    }

    /// <summary>Polite goodbye (RFC 5321 §4.1.1.10); its failure changes nothing in the result.</summary>
    private static async Task QuitAsync(Stream stream, SmtpReplyReader reader, CancellationToken caller)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(caller);
        deadline.CancelAfter(QuitTimeout);
        try
        {
            await CommandAsync(stream, reader, "QUIT", deadline.Token);
        }
        catch (Exception e) when (!caller.IsCancellationRequested && e is OperationCanceledException or IOException or SocketException or SmtpProtocolException)
        {
            // the server may hang up before answering QUIT
        }
    }

    private TlsSessionReport Session(SslStream tls, PresentedChain presented, string mxHost)
    {
        var leaf = presented.Leaf ?? throw new AuthenticationException("the server presented no certificate");
        var chain = presented.All;
        var certificate = validator.Validate(leaf, chain, mxHost, time.GetUtcNow(), presented.HandshakeChainStatus);
        return new TlsSessionReport(
            tls.SslProtocol switch
            {
                SslProtocols.Tls13 => "TLSv1.3",
                SslProtocols.Tls12 => "TLSv1.2",
#pragma warning disable SYSLIB0039 // naming legacy versions we observed, not enabling them
                SslProtocols.Tls11 => "TLSv1.1",
                SslProtocols.Tls => "TLSv1.0",
#pragma warning restore SYSLIB0039
                var other => other.ToString(),
            },
            tls.NegotiatedCipherSuite.ToString(),
            certificate,
            [.. chain.Select(c => c.Subject)],
            [.. chain.Select(c => c.RawData)]);
    }

    /// <summary>What the server presented, copied out of the handshake callback (its objects are disposed later).</summary>
    private sealed class PresentedChain
    {
        public X509Certificate2? Leaf { get; private set; }
        private readonly List<X509Certificate2> rest = [];

        /// <summary>Leaf first, then the other certificates the server sent, in the order received.</summary>
        public IReadOnlyList<X509Certificate2> All => Leaf is null ? [] : [Leaf, .. rest];

        /// <summary>The status of the chain SslStream built (with ChainValidator.HandshakePolicy); the chain itself is
        /// disposed after the callback.</summary>
        public X509ChainStatus[]? HandshakeChainStatus { get; private set; }

        public bool Record(X509Certificate? certificate, X509Chain? chain)
        {
            if (certificate is null)
                return true;
            Leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
            HandshakeChainStatus = chain?.ChainStatus;
            // SslStream puts the certificates the peer sent (beyond the leaf) into the chain's ExtraStore.
            foreach (var sent in chain?.ChainPolicy.ExtraStore ?? [])
                if (!sent.RawDataMemory.Span.SequenceEqual(Leaf.RawDataMemory.Span))
                    rest.Add(X509CertificateLoader.LoadCertificate(sent.RawData));
            // With a callback SslStream leaves the chain's certificates to us; disposed now, not by the finalizer.
            if (chain is not null)
            {
                foreach (var element in chain.ChainElements)
                    element.Certificate.Dispose();
                foreach (var sent in chain.ChainPolicy.ExtraStore)
                    sent.Dispose();
            }
            return true;
        }
    }

    /// <summary>The result being filled in as the conversation goes.</summary>
    private sealed class Evidence(string address, int port)
    {
        public int? LastReplyCode { get; private set; }
        public string? Banner { get; set; }
        public bool StartTlsOffered { get; set; }
        public TlsSessionReport? Tls { get; set; }

        public void Reply(SmtpReply reply) => LastReplyCode = reply.Code;

        /// <summary>A negative reply: 4xx is rate limiting or a temporary refusal, 5xx a rejection (RFC 5321 §4.2.1).</summary>
        public SmtpProbeResult Refusal(SmtpReply reply, ProbeStep step, ProbeSteps steps)
        {
            var outcome = reply.IsTransientFailure ? ProbeOutcome.RateLimited
                : reply.IsPermanentFailure ? ProbeOutcome.Rejected
                : ProbeOutcome.ProtocolError;
            return End(outcome, step, $"unexpected reply: {reply}", steps);
        }

        public SmtpProbeResult End(ProbeOutcome outcome, ProbeStep? step, string? error, ProbeSteps steps)
            => new(address, port, outcome, step, error, LastReplyCode, Banner, StartTlsOffered, Tls,
                new ProbeTimings(steps.Ms(ProbeStep.Connect), steps.Ms(ProbeStep.Banner), steps.Ms(ProbeStep.Ehlo), steps.Ms(ProbeStep.Starttls), steps.Ms(ProbeStep.Handshake), steps.TotalMs));
    }
}
