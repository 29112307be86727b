"""A baresip configuration directory for the benchmarks (file audio, G.711, one account on our server)."""
import os


def baresip_dir(tmp, name, ext, listen, wav, server_port, account_extra, modules=(), config_extra=()):
    """tmp/name with config, accounts and contacts for extension `ext` registering to 127.0.0.1:server_port,
    listening on `listen`, `wav` as its microphone; `modules`/`config_extra` add config lines, `account_extra`
    account parameters (e.g. ";answermode=auto")."""
    d = os.path.join(tmp, name)
    os.makedirs(d)
    with open(os.path.join(d, "config"), "w") as f:
        f.write("\n".join([
            "poll_method epoll", f"sip_listen 127.0.0.1:{listen}", "sip_trans_def udp",
            f"audio_source aufile,{wav}", "audio_player aufile,/dev/null", "audio_alert aufile,/dev/null",
            "audio_level no", "ausrc_srate 8000", "auplay_srate 8000", "ausrc_channels 1", "auplay_channels 1",
            *config_extra, "module_path /usr/lib/baresip/modules", "module stdio.so", "module g711.so",
            "module aufile.so", *(f"module {m}" for m in modules), "module_app account.so", "module_app menu.so",
            ""]))
    with open(os.path.join(d, "accounts"), "w") as f:
        f.write(f"<sip:{ext}@127.0.0.1:{server_port}>;auth_pass=pw-{ext};{account_extra}\n")
    open(os.path.join(d, "contacts"), "w").close()
    return d
