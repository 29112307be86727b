package org.minisip.server.config;

import java.util.AbstractList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configured extensions in file order, unmodifiable, with an index by number: authenticating a request looks
 * its user up once per request, which must not cost a scan of 100 000 extensions. With duplicate numbers (the
 * loader rejects them) the first one wins, as a scan would.
 */
final class ExtensionList extends AbstractList<ServerConfig.Extension> {
    private final List<ServerConfig.Extension> list;
    private final Map<String, ServerConfig.Extension> byNumber;

    private ExtensionList(List<ServerConfig.Extension> list) {
        this.list = List.copyOf(list);
        this.byNumber = new HashMap<>(this.list.size() * 2);
        for (ServerConfig.Extension e : this.list) {
            byNumber.putIfAbsent(e.number(), e);
        }
    }

    static ExtensionList of(List<ServerConfig.Extension> extensions) {
        return extensions instanceof ExtensionList l ? l : new ExtensionList(extensions);
    }

    Optional<ServerConfig.Extension> find(String number) {
        return Optional.ofNullable(number == null ? null : byNumber.get(number));
    }

    @Override
    public ServerConfig.Extension get(int index) {
        return list.get(index);
    }

    @Override
    public int size() {
        return list.size();
    }
}
