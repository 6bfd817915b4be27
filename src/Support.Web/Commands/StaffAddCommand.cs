using System.Text;
using Support.Web.Staff;

namespace Support.Web.Commands;

/// <summary><c>staff add &lt;email&gt; --role Admin</c>: creates a staff account. There is no default password.</summary>
public static class StaffAddCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, string email, string role, TextReader input, TextWriter output)
    {
        var password = ReadPassword(input, output, $"Password for {email}: ");
        if (string.IsNullOrEmpty(password))
        {
            await output.WriteLineAsync("No password given on standard input; nothing was created.");
            return 1;
        }
        var error = await services.GetRequiredService<StaffAccounts>().AddAsync(email, role, password);
        if (error is not null)
        {
            await output.WriteLineAsync($"Could not create {email}: {error}");
            return 1;
        }
        await output.WriteLineAsync($"Created {role} account {email}. Sign in at /staff/login.");
        return 0;
    }

    /// <summary>From a terminal: prompt and read without echo. Piped: the first line, as is.</summary>
    private static string? ReadPassword(TextReader input, TextWriter output, string prompt)
    {
        if (!ReferenceEquals(input, Console.In) || Console.IsInputRedirected)
        {
            return input.ReadLine();
        }
        output.Write(prompt);
        var password = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                output.WriteLine();
                return password.ToString();
            }
            if (key.Key == ConsoleKey.Backspace)
            {
                if (password.Length > 0)
                {
                    password.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                password.Append(key.KeyChar);
            }
        }
    }
}
