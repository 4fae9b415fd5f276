package vn.dancu.api.access;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Slow, salted password hashes: Argon2id (RFC 9106) with the OWASP-recommended minimum of 19 MiB of memory, 2
 * iterations and 1 lane, a 16-byte random salt and a 32-byte hash, from Spring Security's crypto module (its
 * Argon2 implementation is Bouncy Castle's).
 */
public final class PasswordHasher
{
    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 128;

    private final Argon2PasswordEncoder encoder;
    private final String dummyHash;

    public PasswordHasher()
    {
        this(19 * 1024, 2);
    }

    /** With other costs (tests use cheaper ones; the stored hash records its own parameters). */
    public PasswordHasher(int memoryKiB, int iterations)
    {
        this.encoder = new Argon2PasswordEncoder(16, 32, 1, memoryKiB, iterations);
        this.dummyHash = encoder.encode("dancu-dummy-password-for-unknown-users");
    }

    public String hash(String password)
    {
        return encoder.encode(check(password));
    }

    public boolean matches(String password, String hash)
    {
        return password != null && encoder.matches(password, hash);
    }

    /** Spends the time of a real check, so that an unknown user name cannot be told from a wrong password by timing. */
    public void burn(String password)
    {
        encoder.matches(password == null ? "" : password, dummyHash);
    }

    /** The rules a new password must meet; throws IllegalArgumentException naming the rule broken. */
    public static String check(String password)
    {
        if (password == null || password.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("a password needs at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a password has at most " + MAX_LENGTH + " characters");
        }
        return password;
    }
}
