package org.minisip.phone.cli;

/** Exit statuses of the headless phone (ARCHITECTURE.md, "Contract: phone command line"). */
public final class ExitCode {
    /** Call answered and ended normally, or registered with --register-only. */
    public static final int OK = 0;
    /** Bad arguments (also: no desktop UI in this build, local SIP port not bindable). */
    public static final int USAGE = 2;
    /** Registration failed. */
    public static final int REGISTRATION_FAILED = 3;
    /** Call failed or was not answered. */
    public static final int CALL_FAILED = 4;

    private ExitCode() {
    }
}
