using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Support.Web.Hosting;

/// <summary>
/// The Data Protection key ring (cookies, form tokens) lives in the database, so every instance reads the same keys.
/// Optionally each key is encrypted at rest with a certificate: a PKCS#12 file, or one from the current user's store.
/// </summary>
public sealed class KeyRingOptions
{
    public const string Section = "DataProtection";

    /// <summary>Path of a .pfx/.p12 file with the certificate and its private key.</summary>
    public string CertificatePath { get; set; } = "";

    /// <summary>Password of that file (an environment variable or secret store, never a file in the repository).</summary>
    public string CertificatePassword { get; set; } = "";

    /// <summary>Thumbprint of a certificate in the CurrentUser/My store (instead of a file).</summary>
    public string CertificateThumbprint { get; set; } = "";

    /// <summary>The certificate to protect keys with, or null for none; throws with what to fix.</summary>
    public X509Certificate2? LoadCertificate()
    {
        var path = CertificatePath.Trim();
        var thumbprint = CertificateThumbprint.Replace(" ", "", StringComparison.Ordinal).Trim();
        if (path.Length > 0 && thumbprint.Length > 0)
        {
            throw Invalid("set DataProtection:CertificatePath or DataProtection:CertificateThumbprint, not both.");
        }
        var certificate = path.Length > 0 ? FromFile(path) : thumbprint.Length > 0 ? FromStore(thumbprint) : null;
        if (certificate is { HasPrivateKey: false })
        {
            throw Invalid("the certificate has no private key, so the keys it encrypts could never be read back.");
        }
        return certificate;
    }

    private X509Certificate2 FromFile(string path)
    {
        if (!File.Exists(path))
        {
            throw Invalid($"DataProtection:CertificatePath '{path}' does not exist.");
        }
        try
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, string.IsNullOrEmpty(CertificatePassword) ? null : CertificatePassword);
        }
        catch (CryptographicException)
        {
            // Never the password itself in the message.
            throw Invalid($"DataProtection:CertificatePath '{path}' could not be opened: a wrong DataProtection:CertificatePassword, or not a PKCS#12 (.pfx) file.");
        }
    }

    private static X509Certificate2 FromStore(string thumbprint)
    {
        using var store = new X509Store(StoreName.My, StoreLocation.CurrentUser);
        store.Open(OpenFlags.ReadOnly);
        var found = store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint, validOnly: false);
        return found.Count > 0 ? found[0]
            : throw Invalid($"no certificate with thumbprint {thumbprint} in the CurrentUser/My store of the user running Support.");
    }

    private static InvalidOperationException Invalid(string problem) =>
        new($"Data Protection certificate: {problem} See docs/deployment.md (keys).");
}
