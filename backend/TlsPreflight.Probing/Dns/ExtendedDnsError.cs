using System.Buffers.Binary;
using System.Text;

namespace TlsPreflight.Probing.Dns;

/// <summary>The Extended DNS Error option of a response (RFC 8914 §2): an INFO-CODE and optional EXTRA-TEXT.</summary>
public sealed record ExtendedDnsError(int InfoCode, string? ExtraText)
{
    /// <summary>EDNS option code of Extended DNS Error (RFC 8914 §2).</summary>
    public const int OptionCode = 15;

    /// <summary>RFC 8914 §4.6–4.12: INFO-CODEs 6 to 12 say that DNSSEC validation failed.</summary>
    public bool IsDnssecFailure => InfoCode is >= 6 and <= 12;

    /// <summary>"EDE 6 (DNSSEC Bogus: extra text)".</summary>
    public override string ToString()
        => string.IsNullOrWhiteSpace(ExtraText) ? $"EDE {InfoCode} ({Name})" : $"EDE {InfoCode} ({Name}: {ExtraText})";

    /// <summary>The registered name of the INFO-CODE (RFC 8914 §5.2), or "unassigned".</summary>
    public string Name => InfoCode switch
    {
        0 => "Other Error",
        1 => "Unsupported DNSKEY Algorithm",
        2 => "Unsupported DS Digest Type",
        3 => "Stale Answer",
        4 => "Forged Answer",
        5 => "DNSSEC Indeterminate",
        6 => "DNSSEC Bogus",
        7 => "Signature Expired",
        8 => "Signature Not Yet Valid",
        9 => "DNSKEY Missing",
        10 => "RRSIGs Missing",
        11 => "No Zone Key Bit Set",
        12 => "NSEC Missing",
        13 => "Cached Error",
        14 => "Not Ready",
        15 => "Blocked",
        16 => "Censored",
        17 => "Filtered",
        18 => "Prohibited",
        19 => "Stale NXDomain Answer",
        20 => "Not Authoritative",
        21 => "Not Supported",
        22 => "No Reachable Authority",
        23 => "Network Error",
        24 => "Invalid Data",
        _ => "unassigned",
    };

    /// <summary>The first Extended DNS Error in an OPT record's RDATA ({code, length, data} pairs, RFC 6891 §6.1.2),
    /// or null when there is none or the RDATA is malformed.</summary>
    public static ExtendedDnsError? Find(ReadOnlySpan<byte> optionData)
    {
        while (optionData.Length >= 4)
        {
            var code = BinaryPrimitives.ReadUInt16BigEndian(optionData);
            var length = BinaryPrimitives.ReadUInt16BigEndian(optionData[2..]);
            if (optionData.Length < 4 + length)
                return null;
            var value = optionData.Slice(4, length);
            if (code == OptionCode && length >= 2)
            {
                // RFC 8914 §2: EXTRA-TEXT is UTF-8, not NUL-terminated; keep it short in a finding.
                var text = Encoding.UTF8.GetString(value[2..]).Trim();
                return new ExtendedDnsError(BinaryPrimitives.ReadUInt16BigEndian(value), text.Length == 0 ? null : text[..Math.Min(text.Length, 200)]);
            }
            optionData = optionData[(4 + length)..];
        }
        return null;
    }
}
