package org.minisip.phone.ui;

/** What the status bar shows about the account. */
enum RegistrationState {
    /** No account yet (first run). */
    NO_ACCOUNT("status-grey"),
    REGISTERING("status-amber"),
    REGISTERED("status-green"),
    FAILED("status-red");

    final String icon;

    RegistrationState(String icon) {
        this.icon = icon;
    }
}
