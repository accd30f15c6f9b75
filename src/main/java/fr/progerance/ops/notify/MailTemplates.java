package fr.progerance.ops.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The mail templates under {@code templates/notify/mail/} (see {@code package-info.java} for the
 * pattern): {@code <name>.subject.txt} and {@code <name>.txt} in Thymeleaf TEXT mode (subject and
 * plain-text body), and optionally {@code <name>.html} (HTML mode) as an alternative body. The
 * subject has its own file so that no model value, whatever line breaks it holds, can spill from
 * the subject into the body or a header: the rendered subject is folded onto one line.
 *
 * <p>French is the default: the unsuffixed files are French; another language adds
 * {@code <name>_<lang>.subject.txt}, {@code <name>_<lang>.txt} (and {@code .html}) and falls back
 * to French when missing.
 *
 * <p>A plain class with its own Thymeleaf engine, independent of the web views' engine, so it
 * can be built in a test without Spring.
 */
public final class MailTemplates {

    static final String ROOT = "templates/notify/mail/";
    /** French texts that are not whole mails: questions and sentences put in a mail or a page. */
    static final String TEXT_ROOT = "templates/notify/text/";
    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private final TemplateEngine engine;
    private final TemplateEngine texts;
    private final ClassLoader loader;

    public MailTemplates() {
        this(MailTemplates.class.getClassLoader());
    }

    MailTemplates(ClassLoader loader) {
        this.loader = loader;
        SpringTemplateEngine e = new SpringTemplateEngine();
        e.addTemplateResolver(resolver(TemplateMode.TEXT, "*.txt", 1));
        e.addTemplateResolver(resolver(TemplateMode.HTML, "*.html", 2));
        this.engine = e;
        SpringTemplateEngine t = new SpringTemplateEngine();
        ClassLoaderTemplateResolver textResolver = resolver(TemplateMode.TEXT, "*.txt", 1);
        textResolver.setPrefix(TEXT_ROOT);
        t.addTemplateResolver(textResolver);
        this.texts = t;
    }

    /**
     * Renders the French text {@code templates/notify/text/<name>.txt} (Thymeleaf TEXT mode) on one
     * paragraph per blank-line-separated block: a question put to a client, a sentence of a mail.
     *
     * @throws IllegalArgumentException for an unknown or malformed name, or an empty result
     */
    public String text(String name, Map<String, Object> model) {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches() || loader.getResource(TEXT_ROOT + name + ".txt") == null) {
            throw new IllegalArgumentException("No text template " + TEXT_ROOT + name + ".txt");
        }
        String rendered = body(texts.process(name + ".txt", new Context(OutgoingMail.FRENCH, model))).strip();
        if (rendered.isEmpty()) {
            throw new IllegalArgumentException("Text template " + name + " rendered nothing");
        }
        return rendered;
    }

    private ClassLoaderTemplateResolver resolver(TemplateMode mode, String pattern, int order) {
        ClassLoaderTemplateResolver r = new ClassLoaderTemplateResolver(loader);
        r.setPrefix(ROOT);
        r.setTemplateMode(mode);
        r.setResolvablePatterns(Set.of(pattern));
        r.setCharacterEncoding("UTF-8");
        r.setCacheable(true);
        r.setCheckExistence(true);
        r.setOrder(order);
        return r;
    }

    /** Whether a template of that name exists (in French at least). */
    public boolean exists(String name) {
        return NAME.matcher(name).matches() && loader.getResource(ROOT + name + ".txt") != null;
    }

    /**
     * Renders {@code name} for {@code locale} with {@code model}.
     *
     * @throws IllegalArgumentException for an unknown or malformed template name, a missing
     *     subject template or an empty subject
     */
    RenderedMail render(String name, Locale locale, Map<String, Object> model) {
        Objects.requireNonNull(name, "templateName");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a mail template name: '" + name + "'");
        }
        Locale l = locale == null ? OutgoingMail.FRENCH : locale;
        String base = null;
        for (String candidate : candidates(name, l)) {
            if (loader.getResource(ROOT + candidate + ".txt") != null) {
                base = candidate;
                break;
            }
        }
        if (base == null) {
            throw new IllegalArgumentException("No mail template " + ROOT + name + ".txt");
        }
        if (loader.getResource(ROOT + base + ".subject.txt") == null) {
            throw new IllegalArgumentException("No subject template " + ROOT + base + ".subject.txt");
        }
        Context context = new Context(l, model);
        String subject = oneLine(engine.process(base + ".subject.txt", context));
        if (subject.isEmpty()) {
            throw new IllegalArgumentException("Mail template " + base + ".subject.txt rendered an empty subject");
        }
        String text = body(engine.process(base + ".txt", context));
        String html = loader.getResource(ROOT + base + ".html") != null ? engine.process(base + ".html", context) : null;
        return new RenderedMail(subject, text, html);
    }

    private static List<String> candidates(String name, Locale locale) {
        List<String> names = new ArrayList<>();
        String lang = locale.getLanguage();
        if (!lang.isEmpty() && !lang.equals(OutgoingMail.FRENCH.getLanguage())) {
            if (!locale.getCountry().isEmpty()) {
                names.add(name + "_" + lang + "_" + locale.getCountry());
            }
            names.add(name + "_" + lang);
        }
        names.add(name);
        return names;
    }

    /** The subject on one line: every run of whitespace (line breaks included) becomes one space. */
    static String oneLine(String rendered) {
        return rendered.replaceAll("\\s+", " ").strip();
    }

    /** The body without trailing spaces, leading blank lines or runs of blank lines; ends with one line break. */
    static String body(String rendered) {
        return rendered.replace("\r\n", "\n").replaceAll("(?m)[ \\t]+$", "").replaceAll("\n{3,}", "\n\n").strip() + "\n";
    }
}
