package org.minisip.phone.ui;

/** What the main window asks of the phone. Called on the EDT; implementations return at once. */
interface MainActions {
    void dial(String typed);

    void redial();

    void editAccount();

    /** Several accounts: list, add, edit, remove, choose the default. */
    void manageAccounts();

    void audioSettings();

    void setTheme(String theme);

    void setLanguage(String language);

    void historyViewed();

    void exit();
}
