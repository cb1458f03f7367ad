using System.Runtime.CompilerServices;
using Microsoft.Extensions.Caching.Memory;
using TlsPreflight.Api.Policy;
using TlsPreflight.Api.Words;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.Decisions;

/// <summary>Decisions already composed, by what they were composed from. A sender's add-in asks about the same
/// recipients again and again while the message is written (recipients changed, then send), and the answer is a pure
/// function of the policy version, the internal domains, the cached assessments (immutable objects, compared by
/// reference), the language and the label: composed once, then handed out until an exception in it expires.</summary>
/// <remarks>Bounded by domain decisions held; a message with more than <see cref="MaxDomains"/> entries is composed
/// each time. Entries not asked for within a minute go, so replaced assessments do not linger.</remarks>
public sealed class DecisionMemo : IDisposable
{
    public const int MaxDomains = 50;
    private static readonly TimeSpan Unused = TimeSpan.FromMinutes(1);
    private readonly MemoryCache held = new(new MemoryCacheOptions { SizeLimit = 20_000, CompactionPercentage = 0.2 });

    // The answer's JSON, written once for each decision this memo holds (and going with it).
    private readonly ConditionalWeakTable<SendDecision, Answer> answers = new();

    public SendDecision Make(
        PolicyVersion policy,
        IReadOnlySet<string> internalDomains,
        IReadOnlyList<(string Domain, DomainAssessment? Assessment, bool FromCache)> domains,
        SenderWords words,
        IReadOnlyList<string> invalidEntries,
        ProtectingLabel? protectedBy,
        DateTimeOffset now)
    {
        var size = domains.Count + invalidEntries.Count;
        if (size > MaxDomains)
        {
            return SendDecision.Make(policy, internalDomains, domains, words, invalidEntries, protectedBy, now);
        }

        var key = new Inputs(policy, internalDomains, words.Language, protectedBy, domains, invalidEntries);
        if (held.TryGetValue(key, out Composed? known) && known != null && now < known.Until)
        {
            return known.Decision;
        }

        var decision = SendDecision.Make(policy, internalDomains, domains, words, invalidEntries, protectedBy, now);
        held.Set(key, new Composed(decision, EarliestExpiry(decision)), new MemoryCacheEntryOptions { Size = Math.Max(1, size), SlidingExpiration = Unused });
        answers.AddOrUpdate(decision, new Answer());
        return decision;
    }

    /// <summary>The JSON of <paramref name="decision"/> when this memo holds it, serialised on first use; else null
    /// (a decision changed after it was made, e.g. with the sender's request state, is written as usual).</summary>
    public byte[]? JsonOf(SendDecision decision, System.Text.Json.Serialization.Metadata.JsonTypeInfo<SendDecision> typeInfo)
        => answers.TryGetValue(decision, out var answer)
            ? answer.Json ??= System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(decision, typeInfo)
            : null;

    public void Dispose() => held.Dispose();

    /// <summary>An approved exception in the decision stops applying at its expiry; nothing else in it depends on the time.</summary>
    private static DateTimeOffset EarliestExpiry(SendDecision decision)
    {
        var until = DateTimeOffset.MaxValue;
        foreach (var domain in decision.Domains)
        {
            if (domain.ExceptionExpiresAt is { } expires && expires < until)
            {
                until = expires;
            }
        }

        return until;
    }

    private sealed record Composed(SendDecision Decision, DateTimeOffset Until);

    private sealed class Answer
    {
        public byte[]? Json;
    }

    /// <summary>The inputs of one decision: objects by reference, names by ordinal value.</summary>
    private sealed class Inputs : IEquatable<Inputs>
    {
        private readonly PolicyVersion policy;
        private readonly IReadOnlySet<string> internalDomains;
        private readonly string language;
        private readonly ProtectingLabel? label;
        private readonly (string Domain, DomainAssessment? Assessment, bool FromCache)[] domains;
        private readonly string[] invalid;
        private readonly int hash;

        public Inputs(PolicyVersion policy, IReadOnlySet<string> internalDomains, string language, ProtectingLabel? label,
            IReadOnlyList<(string, DomainAssessment?, bool)> domains, IReadOnlyList<string> invalid)
        {
            this.policy = policy;
            this.internalDomains = internalDomains;
            this.language = language;
            this.label = label;
            this.domains = [.. domains];
            this.invalid = [.. invalid];
            var h = new HashCode();
            h.Add(RuntimeHelpers.GetHashCode(policy));
            h.Add(RuntimeHelpers.GetHashCode(internalDomains));
            h.Add(language);
            h.Add(label == null ? 0 : RuntimeHelpers.GetHashCode(label));
            foreach (var (domain, assessment, fromCache) in this.domains)
            {
                h.Add(domain);
                h.Add(assessment == null ? 0 : RuntimeHelpers.GetHashCode(assessment));
                h.Add(fromCache);
            }

            foreach (var entry in this.invalid)
            {
                h.Add(entry);
            }

            hash = h.ToHashCode();
        }

        public bool Equals(Inputs? other)
        {
            if (other is null || other.hash != hash || !ReferenceEquals(other.policy, policy) || !ReferenceEquals(other.internalDomains, internalDomains)
                || other.language != language || !ReferenceEquals(other.label, label)
                || other.domains.Length != domains.Length || other.invalid.Length != invalid.Length)
            {
                return false;
            }

            for (var i = 0; i < domains.Length; i++)
            {
                if (!string.Equals(domains[i].Domain, other.domains[i].Domain, StringComparison.Ordinal)
                    || !ReferenceEquals(domains[i].Assessment, other.domains[i].Assessment) || domains[i].FromCache != other.domains[i].FromCache)
                {
                    return false;
                }
            }

            for (var i = 0; i < invalid.Length; i++)
            {
                if (!string.Equals(invalid[i], other.invalid[i], StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }

        public override bool Equals(object? obj) => Equals(obj as Inputs);

        public override int GetHashCode() => hash;
    }
}
