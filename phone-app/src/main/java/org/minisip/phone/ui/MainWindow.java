package org.minisip.phone.ui;

import java.awt.event.KeyEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.util.List;
import javax.swing.ButtonGroup;
import javax.swing.JButton;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JMenu;
import javax.swing.JMenuBar;
import javax.swing.JMenuItem;
import javax.swing.JPanel;
import javax.swing.JRadioButtonMenuItem;
import javax.swing.JTabbedPane;
import javax.swing.JTextField;
import javax.swing.KeyStroke;
import javax.swing.WindowConstants;
import net.miginfocom.swing.MigLayout;
import org.minisip.phone.config.HistoryEntry;
import org.minisip.phone.config.Settings;

/**
 * The main window: registration status (always visible, with the SIP status and reason on failure), the number
 * field with Call and Redial, the dial pad and the call history, and notices (no sound device, settings file
 * reset). EDT only.
 */
final class MainWindow extends JFrame {
    private final Messages msg;
    private final JLabel status = new JLabel();
    private final JTextField number = new JTextField(16);
    private final JTabbedPane tabs = new JTabbedPane();
    private final HistoryPanel history;
    private final JPanel notices = new JPanel(new MigLayout("insets 0, wrap 1, hidemode 3", "[grow,fill]"));
    private final JPanel statusRow = new JPanel(new MigLayout("insets 0, hidemode 3", "[grow,fill][][]"));

    MainWindow(Messages msg, Settings settings, MainActions actions) {
        super(msg.get("app.title"));
        this.msg = msg;
        setName("mainWindow");
        setIconImages(Icons.appImages());
        setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
        addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent e) {
                actions.exit();
            }
        });
        setJMenuBar(menus(settings, actions));

        status.setName("statusLabel");
        JButton account = new JButton(Icons.get("account"));
        account.setName("accountButton");
        account.setToolTipText(msg.get("menu.account"));
        account.putClientProperty("JButton.buttonType", "toolBarButton");
        account.addActionListener(e -> actions.editAccount());

        number.setName("numberField");
        number.putClientProperty("JTextField.placeholderText", msg.get("main.number.placeholder"));
        number.putClientProperty("JTextField.showClearButton", true);
        number.putClientProperty("FlatLaf.style", "font: +4");
        number.addActionListener(e -> actions.dial(number.getText()));
        JButton call = new JButton(msg.get("main.call"), Icons.get("call-white", 20));
        call.setName("callButton");
        call.putClientProperty("FlatLaf.style", Styles.GREEN_BUTTON + "; arc: 8");
        call.addActionListener(e -> actions.dial(number.getText()));
        JButton redial = new JButton(Icons.get("redial"));
        redial.setName("redialButton");
        redial.setToolTipText(msg.get("main.redial"));
        redial.addActionListener(e -> actions.redial());

        DialPad pad = new DialPad(c -> {
            number.replaceSelection(String.valueOf(c));
            number.requestFocusInWindow();
        });
        history = new HistoryPanel(msg, actions::dial);
        tabs.setName("tabs");
        tabs.addTab(msg.get("main.tab.keypad"), Icons.get("keypad"), pad);
        tabs.addTab(msg.get("main.tab.history"), Icons.get("redial"), history);
        tabs.addChangeListener(e -> {
            if (tabs.getSelectedComponent() == history) {
                actions.historyViewed();
            }
        });

        // one column that fills; rows: status, number + buttons, tabs (take the extra height), notices
        JPanel p = new JPanel(new MigLayout("insets dialog, wrap 1, fill", "[grow,fill]", "[]unrel[]rel[grow,fill][]"));
        statusRow.add(status);
        statusRow.add(account);
        p.add(statusRow);
        JPanel dialRow = new JPanel(new MigLayout("insets 0, gap rel", "[grow,fill][][]", "[fill]"));
        dialRow.add(number);
        dialRow.add(call);
        dialRow.add(redial);
        p.add(dialRow);
        p.add(tabs);
        p.add(notices);
        notices.setVisible(false);
        setContentPane(p);
        pack();
        setMinimumSize(getSize());
    }

    private JMenuBar menus(Settings settings, MainActions actions) {
        JMenuBar bar = new JMenuBar();
        JMenu phone = new JMenu(msg.get("menu.phone"));
        phone.setName("menuPhone");
        JMenuItem account = new JMenuItem(msg.get("menu.account"), Icons.get("account"));
        account.setName("menuAccount");
        account.addActionListener(e -> actions.editAccount());
        JMenuItem accounts = new JMenuItem(msg.get("menu.accounts"));
        accounts.setName("menuAccounts");
        accounts.addActionListener(e -> actions.manageAccounts());
        JMenuItem audio = new JMenuItem(msg.get("menu.audio"), Icons.get("volume"));
        audio.setName("menuAudio");
        audio.addActionListener(e -> actions.audioSettings());
        JMenuItem quit = new JMenuItem(msg.get("menu.quit"));
        quit.setAccelerator(KeyStroke.getKeyStroke(KeyEvent.VK_Q, java.awt.Toolkit.getDefaultToolkit()
                .getMenuShortcutKeyMaskEx()));
        quit.addActionListener(e -> actions.exit());
        phone.add(account);
        phone.add(accounts);
        phone.add(audio);
        phone.addSeparator();
        phone.add(quit);
        JMenu view = new JMenu(msg.get("menu.view"));
        ButtonGroup themes = new ButtonGroup();
        for (String t : Settings.THEMES) {
            JRadioButtonMenuItem item = new JRadioButtonMenuItem(msg.get("theme." + t), t.equals(settings.theme()));
            item.addActionListener(e -> actions.setTheme(t));
            themes.add(item);
            view.add(item);
        }
        view.addSeparator();
        JMenu lang = new JMenu(msg.get("menu.language"));
        ButtonGroup langs = new ButtonGroup();
        for (String l : Settings.LANGUAGES) {
            JRadioButtonMenuItem item = new JRadioButtonMenuItem(msg.get("language." + l),
                    l.equals(settings.language()));
            item.addActionListener(e -> actions.setLanguage(l));
            langs.add(item);
            lang.add(item);
        }
        view.add(lang);
        bar.add(phone);
        bar.add(view);
        return bar;
    }

    void showStatus(RegistrationState state, String text) {
        status.setIcon(Icons.get(state.icon));
        status.setText(text);
        status.setToolTipText(text);
    }

    void setHistory(List<HistoryEntry> entries, int unseenMissed) {
        history.setEntries(entries);
        int i = tabs.indexOfComponent(history);
        tabs.setTitleAt(i, unseenMissed > 0 ? msg.get("main.tab.historyMissed", unseenMissed)
                : msg.get("main.tab.history"));
    }

    /** Adds a tab after the built-in ones (e.g. the watched extensions). */
    void addTab(String title, javax.swing.Icon icon, java.awt.Component content) {
        tabs.addTab(title, icon, content);
    }

    /** Renames the tab showing {@code content} (e.g. with an unread count). */
    void setTabTitle(java.awt.Component content, String title) {
        int i = tabs.indexOfComponent(content);
        if (i >= 0) {
            tabs.setTitleAt(i, title);
        }
    }

    /** Adds an indicator to the status row, after the account button (e.g. message waiting). */
    void addStatusIndicator(javax.swing.JComponent c) {
        statusRow.add(c);
    }

    void setNumber(String text) {
        number.setText(text);
    }

    void addNotice(String text) {
        JLabel l = new JLabel("<html>" + escape(text) + "</html>", Icons.get("warning"), JLabel.LEADING);
        l.setName("notice");
        notices.add(l);
        notices.setVisible(true);
        pack();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
