package vn.dancu.model.cube;

import java.util.List;

/** A cube descriptor that cannot be used, with every problem found in it. */
public class InvalidDescriptorException extends RuntimeException
{
    private final List<String> problems;

    public InvalidDescriptorException(String file, List<String> problems)
    {
        super("invalid cube descriptor " + file + ": " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems()
    {
        return problems;
    }
}
