using System.Globalization;

namespace TlsPreflight.Probing.Names;

/// <summary>Normalises recipient input to the domain we assess.</summary>
public static class DomainName
{
    /// <summary>RFC 1035 §2.3.4: 255 octets on the wire, 253 characters in text form.</summary>
    public const int MaxLength = 253;

    /// <summary>RFC 1035 §2.3.4.</summary>
    public const int MaxLabelLength = 63;

    // UseStd3AsciiRules rejects anything but letters, digits and hyphens (RFC 5891 §4.2.3).
    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true, AllowUnassigned = false };

    /// <summary>Accepts a domain or an e-mail address (its domain is taken). Result: lower case, no trailing dot,
    /// IDN converted to A-labels (RFC 5890), each label 1–63 LDH characters, total ≤ 253. This is the syntax only:
    /// a single label or a special-use name (localhost, .local, ...) is a name, and <see cref="ReservedNames"/> says
    /// it is not one on the internet, so it gets its own result instead of an error.</summary>
    public static bool TryNormalize(string? input, out string domain, out string error)
    {
        domain = "";
        error = Check(input, out var normalized) ?? "";
        if (error.Length > 0)
        {
            return false;
        }

        domain = normalized;
        return true;
    }

    /// <summary>The error for an address where only a domain is taken.</summary>
    public const string AddressNotDomain = "a domain, not an e-mail address";

    /// <summary>A domain and only a domain (policy entries, look-ups, host names): an address is refused with
    /// <see cref="AddressNotDomain"/>; otherwise as <see cref="TryNormalize"/>.</summary>
    public static bool TryNormalizeDomain(string? input, out string domain, out string error)
    {
        if (input?.Contains('@') == true)
        {
            domain = "";
            error = AddressNotDomain;
            return false;
        }

        return TryNormalize(input, out domain, out error);
    }

    /// <summary>A recipient: an address (its domain is taken, the address comes back as local part + normalised
    /// domain) or a bare domain (<paramref name="address"/> null). The one place a recipient is split at '@'.</summary>
    public static bool TryNormalizeRecipient(string? input, out string domain, out string? address, out string error)
    {
        address = null;
        if (!TryNormalize(input, out domain, out error))
        {
            return false;
        }

        var text = input!.Trim();
        var at = text.LastIndexOf('@');
        address = at > 0 ? text[..at] + "@" + domain : null;
        return true;
    }

    /// <summary>As <see cref="TryNormalize"/>, throwing <see cref="InvalidDomainException"/>.</summary>
    public static string Normalize(string? input)
        => TryNormalize(input, out var domain, out var error) ? domain : throw new InvalidDomainException(input ?? "", error);

    /// <summary>Returns the error, or null with <paramref name="normalized"/> set.</summary>
    private static string? Check(string? input, out string normalized)
        => input != null && TryPlain(input, out normalized) ? null : CheckThoroughly(input, out normalized);

    /// <summary>The common case, checked in one pass without allocating: an address or domain already in normal form
    /// (lower-case LDH labels, nothing to trim or convert). Anything else goes through <see cref="CheckThoroughly"/>,
    /// which accepts every name this accepts, with the same result (a test holds the two together).</summary>
    internal static bool TryPlain(string input, out string normalized)
    {
        normalized = "";
        var at = input.LastIndexOf('@');
        if (input.Length > 1024 || at == 0)
        {
            return false;
        }

        for (var i = 0; i < at; i++)
        {
            if (char.IsWhiteSpace(input[i]) || char.IsControl(input[i]))
            {
                return false;
            }
        }

        var domain = input.AsSpan(at + 1);
        if (domain.Length is 0 or > MaxLength)
        {
            return false;
        }

        var start = 0;
        for (var i = 0; i <= domain.Length; i++)
        {
            if (i < domain.Length && domain[i] != '.')
            {
                if (domain[i] is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
                {
                    return false;
                }

                continue;
            }

            var length = i - start;
            if (length is 0 or > MaxLabelLength || domain[start] == '-' || domain[i - 1] == '-')
            {
                return false;
            }

            // A last label starting with a digit may be (part of) an IP address in one of its many spellings.
            if (i == domain.Length && char.IsAsciiDigit(domain[start]))
            {
                return false;
            }

            start = i + 1;
        }

        normalized = at < 0 ? input : domain.ToString();
        return true;
    }

    /// <summary>Every rule, for any input.</summary>
    internal static string? CheckThoroughly(string? input, out string normalized)
    {
        normalized = "";
        var text = input?.Trim() ?? "";
        if (text.Length == 0)
        {
            return "empty";
        }

        if (text.Length > 1024)
        {
            return "too long";
        }

        if (text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return "it contains spaces or control characters";
        }

        var at = text.LastIndexOf('@');
        if (at >= 0)
        {
            if (at == 0)
            {
                return "the address has no local part before '@'";
            }

            text = text[(at + 1)..];
        }

        // Quotes and brackets may appear in a local part, never in the domain (RFC 5321 §4.1.2; IP literals are refused).
        if (text.IndexOfAny(['"', '\'', '[', ']', '(', ')', '<', '>', ',', ';', ':', '\\', '/']) >= 0)
        {
            return "it contains quotes, brackets or other characters not allowed in a domain";
        }

        if (text.EndsWith('.'))
        {
            text = text[..^1];
        }

        if (text.Length == 0)
        {
            return at >= 0 ? "nothing after '@'" : "empty";
        }

        if (text.Split('.').Any(l => l.Length == 0))
        {
            return "it has an empty label (two dots in a row)";
        }

        if (System.Net.IPAddress.TryParse(text, out _))
        {
            return "an IP address is not a domain";
        }

        string ascii;
        try
        {
            // Only names with non-ASCII characters need the IDNA conversion (RFC 5891 §4).
            ascii = (text.All(char.IsAscii) ? text : Idn.GetAscii(text)).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return "not a valid internationalised domain name";
        }

        if (ascii.Length > MaxLength)
        {
            return $"longer than {MaxLength} characters";
        }

        var labels = ascii.Split('.');
        foreach (var label in labels)
        {
            var labelError = CheckLabel(label);
            if (labelError is not null)
            {
                return labelError;
            }
        }

        if (labels[^1].All(char.IsAsciiDigit))
        {
            return "the top-level label is all digits";
        }

        normalized = ascii;
        return null;
    }

    private static string? CheckLabel(string label)
    {
        if (label.Length == 0)
        {
            return "it has an empty label (two dots in a row)";
        }

        if (label.Length > MaxLabelLength)
        {
            return $"a label is longer than {MaxLabelLength} characters";
        }

        if (!label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            return "labels may hold only letters, digits and hyphens";
        }

        return label.StartsWith('-') || label.EndsWith('-')
            ? "a label starts or ends with a hyphen"
            : null;
    }
}
