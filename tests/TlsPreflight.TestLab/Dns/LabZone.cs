using System.Net;
using ARSoft.Tools.Net;
using ARSoft.Tools.Net.Dns;
using static ARSoft.Tools.Net.Dns.TlsaRecord;

namespace TlsPreflight.TestLab.Dns;

/// <summary>A plain in-memory map of records the lab DNS server answers from. Names are compared lower case,
/// without the trailing dot. Safe to change while the server runs.</summary>
public sealed class LabZone
{
    private const int Ttl = 60;
    private readonly Lock gate = new();
    private readonly Dictionary<string, List<DnsRecordBase>> records = [];
    private readonly HashSet<string> secure = [];
    private readonly Dictionary<string, ushort?> serverFailure = [];
    private readonly Dictionary<string, ushort?> validationFailure = [];
    private readonly HashSet<string> provenAbsent = [];

    public LabZone Mx(string domain, ushort preference, string host)
        => Add(new MxRecord(Name(domain), Ttl, preference, Name(host)));

    /// <summary>`MX 0 .` (RFC 7505).</summary>
    public LabZone NullMx(string domain) => Add(new MxRecord(Name(domain), Ttl, 0, DomainName.Root));

    public LabZone A(string name, IPAddress address) => Add(new ARecord(Name(name), Ttl, address));

    public LabZone Aaaa(string name, IPAddress address) => Add(new AaaaRecord(Name(name), Ttl, address));

    public LabZone Cname(string name, string target) => Add(new CNameRecord(Name(name), Ttl, Name(target)));

    /// <summary>One TXT record made of one or more character-strings.</summary>
    public LabZone Txt(string name, params string[] characterStrings) => Add(new TxtRecord(Name(name), Ttl, characterStrings));

    public LabZone Tlsa(string name, int usage, int selector, int matchingType, byte[] data)
        => Add(new TlsaRecord(Name(name), Ttl, (TlsaCertificateUsage)usage, (TlsaSelector)selector, (TlsaMatchingType)matchingType, data));

    /// <summary>Answers for this owner name carry the AD bit, as a validating resolver would set it.</summary>
    public LabZone Secure(string name)
    {
        lock (gate)
            secure.Add(Key(name));
        return this;
    }

    /// <summary>Every query for this name gets SERVFAIL, with or without the CD bit: a broken server or zone.
    /// <paramref name="extendedError"/> adds an Extended DNS Error option with that INFO-CODE (RFC 8914 §2).</summary>
    public LabZone ServerFailure(string name, ushort? extendedError = null)
    {
        lock (gate)
            serverFailure[Key(name)] = extendedError;
        return this;
    }

    /// <summary>The name's data fails DNSSEC validation, as a validating resolver sees it: SERVFAIL (with an
    /// Extended DNS Error when <paramref name="extendedError"/> is set, e.g. 6 DNSSEC Bogus), but the records
    /// when the query has the CD bit (RFC 4035 §3.2.2: checking disabled, no AD).</summary>
    public LabZone ValidationFailure(string name, ushort? extendedError = null)
    {
        lock (gate)
            validationFailure[Key(name)] = extendedError;
        return this;
    }

    /// <summary>The name does not exist and the denial is DNSSEC-proven: NXDOMAIN with the AD bit (RFC 4035 §5.4).</summary>
    public LabZone SecureNxDomain(string name)
    {
        lock (gate)
            provenAbsent.Add(Key(name));
        return this;
    }

    /// <summary>Drop every record (and flag) of the name.</summary>
    public LabZone Remove(string name)
    {
        lock (gate)
        {
            records.Remove(Key(name));
            secure.Remove(Key(name));
            serverFailure.Remove(Key(name));
            validationFailure.Remove(Key(name));
            provenAbsent.Remove(Key(name));
        }
        return this;
    }

    /// <summary>Remove the records of one type at the name, keep the rest.</summary>
    public LabZone Remove(string name, RecordType type)
    {
        lock (gate)
            if (records.TryGetValue(Key(name), out var list))
                list.RemoveAll(r => r.RecordType == type);
        return this;
    }

    internal DnsMessage Answer(DnsMessage query)
    {
        var response = query.CreateResponseInstance();
        response.IsAuthoritiveAnswer = true;
        if (query.Questions.Count != 1)
        {
            response.ReturnCode = ReturnCode.FormatError;
            return response;
        }
        var question = query.Questions[0];
        var name = Key(question.Name.ToString());
        lock (gate)
        {
            if (serverFailure.TryGetValue(name, out var broken))
                return ServerFailure(response, broken);
            if (provenAbsent.Contains(name))
            {
                response.ReturnCode = ReturnCode.NxDomain;
                response.IsAuthenticData = true;
                return response;
            }
            var bogus = validationFailure.TryGetValue(name, out var bogusCode);
            if (bogus && !query.IsCheckingDisabled)
                return ServerFailure(response, bogusCode);
            // Follow CNAMEs inside the zone, as a recursive resolver would (RFC 1034 §3.6.2).
            var owner = name;
            for (var hops = 0; hops < 8; hops++)
            {
                var here = records.GetValueOrDefault(owner) ?? [];
                var wanted = here.Where(r => r.RecordType == question.RecordType).ToList();
                if (wanted.Count > 0)
                {
                    response.AnswerRecords.AddRange(wanted);
                    break;
                }
                var alias = here.OfType<CNameRecord>().FirstOrDefault();
                if (alias is null || question.RecordType == RecordType.CName)
                    break;
                response.AnswerRecords.Add(alias);
                owner = Key(alias.CanonicalName.ToString());
            }
            var owners = response.AnswerRecords.Select(r => Key(r.Name.ToString())).Append(name);
            response.IsAuthenticData = !bogus && owners.All(secure.Contains);
            response.ReturnCode = response.AnswerRecords.Count == 0 && !records.ContainsKey(name) && !secure.Contains(name)
                ? ReturnCode.NxDomain
                : ReturnCode.NoError;
        }
        return response;
    }

    /// <summary>SERVFAIL, with an Extended DNS Error option when a code is given (RFC 8914 §2: INFO-CODE, no EXTRA-TEXT
    /// beyond a short lab note).</summary>
    private static DnsMessage ServerFailure(DnsMessage response, ushort? extendedError)
    {
        response.ReturnCode = ReturnCode.ServerFailure;
        if (extendedError is { } code)
        {
            var data = new byte[] { (byte)(code >> 8), (byte)code }.Concat("lab"u8.ToArray()).ToArray();
            response.IsEDnsEnabled = true;
            response.EDnsOptions!.Options.Add(new UnknownOption(ExtendedDnsErrorOption, data));
        }
        return response;
    }

    /// <summary>EDNS option code 15, Extended DNS Error (RFC 8914 §2); ARSoft.Tools.Net has no type for it.</summary>
    private const EDnsOptionType ExtendedDnsErrorOption = (EDnsOptionType)15;

    private LabZone Add(DnsRecordBase record)
    {
        lock (gate)
        {
            var key = Key(record.Name.ToString());
            if (!records.TryGetValue(key, out var list))
                records[key] = list = [];
            list.Add(record);
        }
        return this;
    }

    private static DomainName Name(string name) => DomainName.Parse(name.TrimEnd('.'));

    private static string Key(string name) => name.TrimEnd('.').ToLowerInvariant();
}
