using MimeKit;

namespace Support.Web.Email;

/// <summary>Development without a mail server: each message becomes an .eml file that any mail client opens.</summary>
public sealed class PickupFolderEmailSender(string folder, TimeProvider time) : IEmailSender
{
    public string Folder { get; } = folder;

    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        Directory.CreateDirectory(Folder);
        var name = $"{time.GetUtcNow():yyyyMMdd-HHmmss}-{Guid.NewGuid():N}.eml";
        await message.WriteToAsync(Path.Combine(Folder, name), ct);
    }

    public IEmailBatch OpenBatch() => new FileBatch(this);

    private sealed class FileBatch(PickupFolderEmailSender sender) : IEmailBatch
    {
        public Task SendAsync(MimeMessage message, CancellationToken ct) => sender.SendAsync(message, ct);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
