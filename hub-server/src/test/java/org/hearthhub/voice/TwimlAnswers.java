package org.hearthhub.voice;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A voice webhook's TwiML answer as the tests read it: parsed (no DOCTYPE allowed), and its verbs found by name. */
public final class TwimlAnswers {
    private TwimlAnswers() {
    }

    /** The answer's root element, after checking it is a 200 with an XML body. */
    public static Element parse(HttpResponse<Buffer> response) throws Exception {
        assertEquals(200, response.statusCode(), response.bodyAsString());
        assertTrue(response.getHeader("Content-Type").startsWith("text/xml"), response.getHeader("Content-Type"));
        return parse(response.bodyAsString());
    }

    /** A TwiML document's root element. */
    public static Element parse(String twiml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(twiml.getBytes(java.nio.charset.StandardCharsets.UTF_8))).getDocumentElement();
    }

    /** The one {@code <tag>} under {@code root}. */
    public static Element only(Element root, String tag) {
        List<Element> found = all(root, tag);
        assertEquals(1, found.size(), "one <" + tag + ">");
        return found.get(0);
    }

    /** Every {@code <tag>} under {@code root}, in document order ({@code "*"}: every element). */
    public static List<Element> all(Element root, String tag) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = root.getElementsByTagName(tag);
        for (int i = 0; i < nodes.getLength(); i++) out.add((Element) nodes.item(i));
        return out;
    }
}
