package fr.progerance.ops.billing.statement;

import fr.progerance.ops.web.FieldProblem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads an ISO 20022 camt.053 BankToCustomerStatement, the end-of-day statement French banks
 * deliver (EBICS, bank portals). Every version from {@code camt.053.001.02} on is accepted: elements
 * are read by their local names under a checked root ({@code Document} in a camt.053 namespace),
 * and the differences that matter are handled ({@code Sts} is a plain code in .02 and {@code Sts/Cd}
 * later; the debtor's name is {@code Dbtr/Nm} in .02 and {@code Dbtr/Pty/Nm} from .08; a
 * transaction's amount is {@code AmtDtls/TxAmt/Amt}, or {@code Amt} from .03).
 *
 * <p>Per {@code Stmt}: its {@code Id} and account IBAN; per {@code Ntry}: amount and currency,
 * credit or debit, status, value date ({@code ValDt/Dt}, {@code ValDt/DtTm}, else the booking date),
 * the bank's references, and per transaction ({@code NtryDtls/TxDtls}; a batch entry gives one
 * line per transaction) the remittance information ({@code RmtInf/Ustrd}, every one;
 * {@code RmtInf/Strd/CdtrRefInf/Ref} and {@code RfrdDocInf/Nb}), the end-to-end id and the
 * debtor's name.
 *
 * <p>Secure XML: a document type declaration (DTD) is refused outright, so no entity is ever
 * expanded and no external entity, DTD or schema is fetched; XInclude is off. The caller bounds the
 * size. Malformed XML or a missing required element is an {@link InvalidStatementException} naming
 * the element; nothing of the file is used then.
 */
public final class Camt053Parser {

    static final String NAMESPACE_PREFIX = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.";
    private static final Pattern NAMESPACE = Pattern.compile(Pattern.quote(NAMESPACE_PREFIX) + "(\\d{2})");
    private static final Pattern OTHER_ISO = Pattern.compile("urn:iso:std:iso:20022:tech:xsd:([a-z]{4}\\.\\d{3})\\..*");
    private static final Pattern AMOUNT = Pattern.compile("\\d{1,18}(\\.\\d{1,5})?");
    private static final Pattern DATE_START = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})(T.*|[Z+-].*)?");
    /** {@code EndToEndId} when the payer gave none (SEPA). */
    private static final String NOT_PROVIDED = "NOTPROVIDED";
    /** Longest stable id of a bank line; a longer one (odd references) is replaced by its hash. */
    static final int MAX_ENTRY_ID = 200;

    /** Reads the whole file, or throws naming what is wrong. */
    public ParsedStatement parse(byte[] xml) {
        Element root = read(xml).getDocumentElement();
        if (!"Document".equals(root.getLocalName())) {
            throw new InvalidStatementException("Document",
                    "the root element is <" + root.getLocalName() + ">, a camt.053 statement starts with <Document>");
        }
        checkNamespace(root.getNamespaceURI());
        Element statement = required(root, "Document", "BkToCstmrStmt");
        Element header = required(statement, "BkToCstmrStmt", "GrpHdr");
        String messageId = requiredText(header, "BkToCstmrStmt/GrpHdr", "MsgId");
        List<Element> stmts = children(statement, "Stmt");
        if (stmts.isEmpty()) {
            throw missing("BkToCstmrStmt/Stmt");
        }
        List<BankLine> lines = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        Set<String> accounts = new LinkedHashSet<>();
        LocalDate from = null;
        LocalDate to = null;
        for (int s = 0; s < stmts.size(); s++) {
            Element stmt = stmts.get(s);
            String where = "Stmt[" + (s + 1) + "]";
            ids.add(requiredText(stmt, where, "Id"));
            String account = text(path(stmt, "Acct", "Id", "IBAN"));
            if (account == null) {
                account = text(path(stmt, "Acct", "Id", "Othr", "Id"));
            }
            if (account == null) {
                throw missing(where + "/Acct/Id/IBAN");
            }
            account = account.replace(" ", "").toUpperCase(java.util.Locale.ROOT);
            accounts.add(account);
            LocalDate stmtFrom = date(path(stmt, "FrToDt", "FrDtTm"), where + "/FrToDt/FrDtTm");
            LocalDate stmtTo = date(path(stmt, "FrToDt", "ToDtTm"), where + "/FrToDt/ToDtTm");
            from = from == null || (stmtFrom != null && stmtFrom.isBefore(from)) ? stmtFrom : from;
            to = to == null || (stmtTo != null && stmtTo.isAfter(to)) ? stmtTo : to;
            List<Element> entries = children(stmt, "Ntry");
            for (int n = 0; n < entries.size(); n++) {
                entry(entries.get(n), where + "/Ntry[" + (n + 1) + "]", account, lines);
            }
        }
        String key = messageId + "/" + String.join("+", ids);
        if (key.length() > MAX_ENTRY_ID) {
            key = "sha256:" + BankText.sha256(key);
        }
        return new ParsedStatement(StatementFormat.CAMT053, key, messageId, String.join(",", accounts), from, to,
                lines);
    }

    private static void checkNamespace(String namespace) {
        Matcher camt053 = NAMESPACE.matcher(namespace == null ? "" : namespace);
        if (camt053.matches() && Integer.parseInt(camt053.group(1)) >= 2) {
            return;
        }
        if (namespace == null || namespace.isEmpty()) {
            throw new InvalidStatementException("Document",
                    "has no namespace: a camt.053 statement declares xmlns=\"" + NAMESPACE_PREFIX + "02\" (or a later version)");
        }
        Matcher other = OTHER_ISO.matcher(namespace);
        throw new InvalidStatementException("Document", (other.matches() && !other.group(1).equals("camt.053")
                ? "is a " + other.group(1) + " message, not a camt.053 bank statement"
                : "namespace '" + namespace + "' is not a camt.053 statement")
                + " (expected " + NAMESPACE_PREFIX + "02 or later)");
    }

    /** One {@code Ntry}: one line, or one per transaction of a batch. */
    private static void entry(Element ntry, String where, String account, List<BankLine> lines) {
        Element amt = required(ntry, where, "Amt");
        BigDecimal amount = amount(amt, where + "/Amt");
        String currency = currency(amt, where + "/Amt");
        Direction direction = direction(requiredText(ntry, where, "CdtDbtInd"), where + "/CdtDbtInd");
        String status = status(required(ntry, where, "Sts"), where + "/Sts");
        LocalDate valueDate = date(path(ntry, "ValDt", "Dt"), where + "/ValDt/Dt");
        if (valueDate == null) {
            valueDate = date(path(ntry, "ValDt", "DtTm"), where + "/ValDt/DtTm");
        }
        LocalDate bookingDate = date(path(ntry, "BookgDt", "Dt"), where + "/BookgDt/Dt");
        if (bookingDate == null) {
            bookingDate = date(path(ntry, "BookgDt", "DtTm"), where + "/BookgDt/DtTm");
        }
        if (valueDate == null) {
            valueDate = bookingDate;
        }
        if (valueDate == null) {
            throw missing(where + "/ValDt (or BookgDt)");
        }
        String ntryRef = BankText.clean(text(child(ntry, "NtryRef")));
        String servicerRef = BankText.clean(text(child(ntry, "AcctSvcrRef")));
        String additional = text(child(ntry, "AddtlNtryInf"));
        List<Element> transactions = new ArrayList<>();
        for (Element details : children(ntry, "NtryDtls")) {
            transactions.addAll(children(details, "TxDtls"));
        }
        List<String> entryRefs = new ArrayList<>();
        if (ntryRef != null) {
            entryRefs.add("NtryRef " + ntryRef);
        }
        if (servicerRef != null) {
            entryRefs.add("AcctSvcrRef " + servicerRef);
        }
        String problem = servicerRef == null && ntryRef == null
                ? "the bank gave no reference for this entry (AcctSvcrRef, NtryRef), so it cannot be told apart from the"
                        + " same entry in another statement: check it was not recorded already, then assign it"
                : null;
        boolean booked = "BOOK".equals(status);

        if (transactions.size() >= 2) {
            List<BigDecimal> amounts = new ArrayList<>();
            for (int t = 0; t < transactions.size(); t++) {
                Element txAmt = path(transactions.get(t), "AmtDtls", "TxAmt", "Amt");
                if (txAmt == null) {
                    txAmt = child(transactions.get(t), "Amt");
                }
                amounts.add(txAmt == null ? null : amount(txAmt, where + "/NtryDtls/TxDtls[" + (t + 1) + "]/Amt"));
            }
            if (!amounts.contains(null)) {
                for (int t = 0; t < transactions.size(); t++) {
                    Element tx = transactions.get(t);
                    String txWhere = where + "/NtryDtls/TxDtls[" + (t + 1) + "]";
                    Element txAmt = path(tx, "AmtDtls", "TxAmt", "Amt");
                    if (txAmt == null) {
                        txAmt = child(tx, "Amt");
                    }
                    String txIndicator = text(child(tx, "CdtDbtInd"));
                    Direction txDirection = txIndicator == null ? direction
                            : direction(txIndicator, txWhere + "/CdtDbtInd");
                    List<String> texts = new ArrayList<>();
                    List<String> refs = new ArrayList<>(entryRefs);
                    String debtor = transaction(tx, texts, refs);
                    lines.add(new BankLine(lines.size() + 1,
                            entryId(account, servicerRef, ntryRef, bookingDate, amount, t + 1), valueDate,
                            amounts.get(t), currency(txAmt, txWhere + "/Amt"), txDirection, booked, status,
                            clean(texts), refs, debtor, problem));
                }
                return;
            }
            problem = "a batch entry of " + transactions.size() + " transactions without an amount per transaction"
                    + " (TxDtls/AmtDtls/TxAmt/Amt): assign it by hand";
        }
        List<String> texts = new ArrayList<>();
        List<String> refs = new ArrayList<>(entryRefs);
        String debtor = null;
        for (Element tx : transactions) {
            String name = transaction(tx, texts, refs);
            debtor = debtor == null ? name : debtor;
        }
        if (additional != null) {
            texts.add(additional);
        }
        lines.add(new BankLine(lines.size() + 1, entryId(account, servicerRef, ntryRef, bookingDate, amount, 1),
                valueDate, amount, currency, direction, booked, status, clean(texts), refs, debtor, problem));
    }

    /** Adds a transaction's remittance texts and references; answers the debtor's name. */
    private static String transaction(Element tx, List<String> texts, List<String> refs) {
        Element remittance = child(tx, "RmtInf");
        if (remittance != null) {
            for (Element ustrd : children(remittance, "Ustrd")) {
                texts.add(text(ustrd));
            }
            for (Element strd : children(remittance, "Strd")) {
                texts.add(text(path(strd, "CdtrRefInf", "Ref")));
                for (Element document : children(strd, "RfrdDocInf")) {
                    texts.add(text(child(document, "Nb")));
                }
            }
        }
        String endToEnd = BankText.clean(text(path(tx, "Refs", "EndToEndId")));
        if (endToEnd != null && !NOT_PROVIDED.equalsIgnoreCase(endToEnd)) {
            texts.add(endToEnd);
            refs.add("EndToEndId " + endToEnd);
        }
        texts.add(text(child(tx, "AddtlTxInf")));
        texts.removeIf(t -> t == null);
        String debtor = text(path(tx, "RltdPties", "Dbtr", "Nm"));
        if (debtor == null) {
            debtor = text(path(tx, "RltdPties", "Dbtr", "Pty", "Nm"));
        }
        return BankText.clean(debtor);
    }

    private static List<String> clean(List<String> texts) {
        List<String> out = new ArrayList<>();
        for (String t : texts) {
            String c = BankText.clean(t);
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * The bank line's stable id: the account, the bank's own reference of the entry
     * ({@code AcctSvcrRef}), and the transaction's index within the entry. Some banks number
     * {@code NtryRef} within each statement only, so an entry known by its {@code NtryRef} alone
     * also carries its booking date and amount. Null without either reference.
     */
    static String entryId(String account, String servicerRef, String ntryRef, LocalDate bookingDate, BigDecimal amount,
            int transaction) {
        String id;
        if (servicerRef != null) {
            id = account + "/" + servicerRef + "/" + transaction;
        } else if (ntryRef != null) {
            id = account + "/NtryRef:" + ntryRef + "/" + bookingDate + "/" + amount.toPlainString() + "/" + transaction;
        } else {
            return null;
        }
        return id.length() <= MAX_ENTRY_ID ? id : "sha256:" + BankText.sha256(id);
    }

    private static String status(Element sts, String where) {
        Element code = child(sts, "Cd");
        if (code == null) {
            code = child(sts, "Prtry");
        }
        String value = code != null ? text(code) : text(sts);
        if (value == null) {
            throw missing(code != null ? where + "/" + code.getLocalName() : where);
        }
        return BankText.bounded(value, 35);
    }

    private static Direction direction(String indicator, String where) {
        return switch (indicator) {
            case "CRDT" -> Direction.CREDIT;
            case "DBIT" -> Direction.DEBIT;
            default -> throw new InvalidStatementException(where, quoted(indicator) + " is neither CRDT nor DBIT");
        };
    }

    private static BigDecimal amount(Element amt, String where) {
        String value = text(amt);
        if (value == null) {
            throw missing(where);
        }
        if (!AMOUNT.matcher(value).matches()) {
            throw new InvalidStatementException(where, quoted(value)
                    + " is not an amount (digits, a dot and at most 5 decimals; the sign is CdtDbtInd)");
        }
        return new BigDecimal(value);
    }

    private static String currency(Element amt, String where) {
        String currency = amt.getAttribute("Ccy").strip();
        if (currency.isEmpty()) {
            throw missing(where + "/@Ccy");
        }
        if (!currency.matches("[A-Z]{3}")) {
            throw new InvalidStatementException(where + "/@Ccy", quoted(currency) + " is not an ISO 4217 currency code");
        }
        return currency;
    }

    /** The date as written (a date-time keeps the day the bank wrote), or null without the element. */
    private static LocalDate date(Element element, String where) {
        if (element == null) {
            return null;
        }
        String value = text(element);
        Matcher m = DATE_START.matcher(value == null ? "" : value);
        if (m.matches()) {
            try {
                return LocalDate.parse(m.group(1));
            } catch (DateTimeException e) {
                // below
            }
        }
        throw new InvalidStatementException(where, quoted(value) + " is not an ISO 8601 date (YYYY-MM-DD)");
    }

    // --- XML ----------------------------------------------------------------------------------------

    private static Document read(byte[] xml) {
        if (xml == null || xml.length == 0) {
            throw new InvalidStatementException("body", "is empty: send the camt.053 file");
        }
        try {
            DocumentBuilder builder = factory().newDocumentBuilder();
            builder.setErrorHandler(new Strict());
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are refused (" + systemId + ")");
            });
            return builder.parse(new InputSource(new ByteArrayInputStream(xml)));
        } catch (SAXParseException e) {
            throw new InvalidStatementException("body", "malformed XML at line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + ": " + explain(e.getMessage()));
        } catch (SAXException e) {
            throw new InvalidStatementException("body", "malformed XML: " + explain(e.getMessage()));
        } catch (IOException e) {
            throw new InvalidStatementException("body", "unreadable XML: " + e.getMessage());
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The XML parser cannot be made secure", e);
        }
    }

    private static String explain(String message) {
        if (message != null && message.contains("DOCTYPE")) {
            return "a document type declaration (<!DOCTYPE>) is refused: a bank statement needs none, and its"
                    + " entities could make the parser read local files or reach the network (XXE)";
        }
        return message;
    }

    /**
     * No DTD at all (so no entity of any kind), no external DTD or schema fetched, no XInclude,
     * the JDK's secure-processing limits on.
     */
    private static DocumentBuilderFactory factory() throws ParserConfigurationException {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        f.setValidating(false);
        f.setCoalescing(true);
        f.setIgnoringComments(true);
        return f;
    }

    /** Every error is fatal; the JDK's default handler would only print it. */
    private static final class Strict implements ErrorHandler {
        @Override
        public void warning(SAXParseException e) {
            // warnings change nothing read
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    private static Element child(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    private static Element path(Element from, String... names) {
        Element current = from;
        for (String name : names) {
            if (current == null) {
                return null;
            }
            current = child(current, name);
        }
        return current;
    }

    private static String text(Element element) {
        if (element == null) {
            return null;
        }
        String text = element.getTextContent().strip();
        return text.isEmpty() ? null : text;
    }

    private static Element required(Element parent, String where, String name) {
        Element child = child(parent, name);
        if (child == null) {
            throw missing(where + "/" + name);
        }
        return child;
    }

    private static String requiredText(Element parent, String where, String name) {
        String text = text(required(parent, where, name));
        if (text == null) {
            throw new InvalidStatementException(where + "/" + name, "is empty");
        }
        return BankText.bounded(text, 100);
    }

    private static InvalidStatementException missing(String where) {
        return new InvalidStatementException(List.of(new FieldProblem(where, "is missing")));
    }

    private static String quoted(String value) {
        return fr.progerance.ops.web.Excerpt.quoted(value);
    }
}
