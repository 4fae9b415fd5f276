package vn.dancu.api.subscription;

import vn.dancu.api.access.Caller;

import java.util.Optional;

/** The account a delivery is generated as, with its current role and scope; empty when it is deleted or disabled. */
@FunctionalInterface
public interface AccountDirectory
{
    Optional<Caller> caller(String username);
}
