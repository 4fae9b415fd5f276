package vn.dancu.api.subscription;

import java.util.List;

/** Sends a delivery's files by e-mail. */
public interface Mailer
{
    /** An attachment: its file name, content type and bytes. */
    record Attachment(String fileName, String contentType, byte[] bytes) {}

    /** Sends one message; a failure (server unreachable, address refused) is thrown with the server's reason. */
    void send(String to, String subject, String text, List<Attachment> attachments)
            throws MailFailure;

    final class MailFailure
            extends Exception
    {
        public MailFailure(String message, Throwable cause)
        {
            super(message, cause);
        }
    }
}
